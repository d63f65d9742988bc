import type { Database } from "@/lib/db/connect";
import { storeEventOfDelivery as storeEventRow } from "@/lib/db/queries/events";
import { touchIssueFromEvent } from "@/lib/db/queries/issues";
import { enqueueAnalysis } from "@/lib/db/queries/jobs";
import { upsertProject } from "@/lib/db/queries/projects";
import { defaultSentryHosts } from "@/lib/sentry/payload-links";
import { eventFromSentry } from "@/lib/sentry/to-event";
import { issueFromEvent } from "@/lib/sentry/to-issue";
import type { SentryEvent } from "@/lib/sentry/webhook-payload";
import type { IngestOptions } from "./ingest-options";
import { eventRow, storeEvent } from "./store-event";

/**
 * A full event that arrived by webhook, inside the delivery's transaction: its project and issue
 * are created or widened, the event is stored, and a new event queues the issue's analysis (no
 * sooner than reanalyseAfterSeconds after the last one). A repeated event changes nothing, and an
 * echo of Sift's own write (ownWrite) queues nothing. Used where the resource stores more rows
 * than the event (event_alert) or for own writes; error.created's store job takes storeEventOfDelivery.
 */
export async function storeDeliveredEvent(
  db: Database,
  sentryEvent: SentryEvent,
  options: IngestOptions & { ownWrite?: boolean },
): Promise<{ issueId: string; eventId: string }> {
  const event = eventFromSentry(sentryEvent, options.receivedAt);
  const { project, issue } = issueFromEvent(
    sentryEvent,
    event.occurredAt,
    options.sentryHosts ?? defaultSentryHosts,
  );
  await upsertProject(db, project);
  await touchIssueFromEvent(db, issue);
  if ((await storeEvent(db, event, options)) && !options.ownWrite) {
    await enqueueAnalysis(db, event.issueId, { minIntervalSeconds: options.reanalyseAfterSeconds ?? 0 });
  }
  return { issueId: event.issueId, eventId: event.id };
}

/**
 * The same as storeDeliveredEvent, for a delivery recorded earlier (its store_delivery job), in one
 * statement: atomic by itself, one round trip, no transaction. A repeated run changes nothing.
 */
export async function storeEventOfDelivery(
  db: Database,
  sentryEvent: SentryEvent,
  options: IngestOptions,
  deliveryId: number,
): Promise<{ issueId: string; eventId: string }> {
  const event = eventFromSentry(sentryEvent, options.receivedAt);
  const { project, issue } = issueFromEvent(
    sentryEvent,
    event.occurredAt,
    options.sentryHosts ?? defaultSentryHosts,
  );
  await storeEventRow(db, deliveryId, {
    project,
    issue,
    event: eventRow(event, options),
    reanalyseAfterSeconds: options.reanalyseAfterSeconds ?? 0,
  });
  return { issueId: event.issueId, eventId: event.id };
}
