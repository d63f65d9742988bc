import { extractIdentity, type IdentityOptions } from "@/lib/analysis/identity";
import { normaliseStack } from "@/lib/analysis/normalise-stack";
import type { Database } from "@/lib/db/connect";
import { insertEvent, type NewEvent } from "@/lib/db/queries/events";
import type { EventEnvelope } from "@/lib/sentry/to-event";
import { capIndexedText } from "./cap-indexed-text";

/**
 * The one way an event becomes a row, whether a webhook delivered it or the worker fetched it from
 * Sentry's API: stack normalised and identity extracted once, at write time, so analysis reads
 * plain columns. Identity and trace ids longer than 256 characters are stored capped
 * (capIndexedText). Returns false when the event was stored before.
 */
export function eventRow(event: EventEnvelope, identity: IdentityOptions): NewEvent {
  const stack = normaliseStack(event.raw);
  const { userId, tenantId, roles } = extractIdentity(event.raw, identity);
  return {
    id: event.id,
    issueId: event.issueId,
    projectId: event.projectId,
    occurredAt: event.occurredAt,
    platform: event.platform,
    title: event.title,
    message: event.message,
    exceptionType: stack.exceptionType,
    exceptionValue: stack.exceptionValue,
    userId: capIndexedText(userId),
    tenantId: capIndexedText(tenantId),
    roles,
    release: event.release,
    environment: event.environment,
    traceId: capIndexedText(event.traceId),
    url: event.url,
    tags: event.tags,
    frames: stack.frames,
    handled: event.handled,
  };
}

/** Stores an event of an issue that exists. Returns false when the event was stored before. */
export async function storeEvent(
  db: Database,
  event: EventEnvelope,
  identity: IdentityOptions,
): Promise<boolean> {
  return insertEvent(db, eventRow(event, identity));
}
