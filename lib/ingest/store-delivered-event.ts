import type { Database } from "@/lib/db/connect";
import { touchIssueFromEvent } from "@/lib/db/queries/issues";
import { enqueueAnalysis } from "@/lib/db/queries/jobs";
import { upsertProject } from "@/lib/db/queries/projects";
import { eventFromSentry } from "@/lib/sentry/to-event";
import { issueFromEvent } from "@/lib/sentry/to-issue";
import type { SentryEvent } from "@/lib/sentry/webhook-payload";
import type { IngestOptions } from "./ingest-options";
import { storeEvent } from "./store-event";

/**
 * A full event that arrived by webhook: its project and issue are created or widened, the event is
 * stored, and a new event queues the issue's analysis (no sooner than reanalyseAfterSeconds after the
 * last one). A repeated event changes nothing, and an echo of Sift's own write (ownWrite) queues
 * nothing.
 */
export async function storeDeliveredEvent(
  db: Database,
  sentryEvent: SentryEvent,
  options: IngestOptions & { ownWrite?: boolean },
): Promise<{ issueId: string; eventId: string }> {
  const event = eventFromSentry(sentryEvent, options.receivedAt);
  const { project, issue } = issueFromEvent(sentryEvent, event.occurredAt);
  await upsertProject(db, project);
  await touchIssueFromEvent(db, issue);
  if ((await storeEvent(db, event, options)) && !options.ownWrite) {
    await enqueueAnalysis(db, event.issueId, { minIntervalSeconds: options.reanalyseAfterSeconds ?? 0 });
  }
  return { issueId: event.issueId, eventId: event.id };
}
