import type { Database } from "@/lib/db/connect";
import type { NewDelivery } from "@/lib/db/queries/deliveries";
import { insertDeliveredEvent } from "@/lib/db/queries/events";
import { eventFromSentry } from "@/lib/sentry/to-event";
import { issueFromEvent } from "@/lib/sentry/to-issue";
import type { SentryEvent } from "@/lib/sentry/webhook-payload";
import type { IngestOptions } from "./ingest-options";
import { eventRow } from "./store-event";

/**
 * A full event that arrived by webhook, stored with its delivery in one statement: its project and
 * issue are created or widened, the event is stored, and a new event queues the issue's analysis
 * (no sooner than reanalyseAfterSeconds after the last one). A repeated event changes nothing but
 * the delivery record; a repeated delivery changes nothing at all and returns null.
 */
export async function storeDeliveredEvent(
  db: Database,
  sentryEvent: SentryEvent,
  options: IngestOptions,
  delivery: NewDelivery,
): Promise<{ issueId: string; eventId: string } | null> {
  const event = eventFromSentry(sentryEvent, options.receivedAt);
  const { project, issue } = issueFromEvent(sentryEvent, event.occurredAt);
  const { duplicate } = await insertDeliveredEvent(db, {
    delivery,
    project,
    issue,
    event: eventRow(event, options),
    reanalyseAfterSeconds: options.reanalyseAfterSeconds ?? 0,
  });
  return duplicate ? null : { issueId: event.issueId, eventId: event.id };
}
