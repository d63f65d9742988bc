import type { Database } from "@/lib/db/client";
import { insertDelivery } from "@/lib/db/queries/deliveries";
import { touchIssueFromEvent, upsertIssue } from "@/lib/db/queries/issues";
import { enqueueAnalysis } from "@/lib/db/queries/jobs";
import { upsertProject } from "@/lib/db/queries/projects";
import { toStorableJson } from "@/lib/db/storable-json";
import { wakeWorkers } from "@/lib/enrichment/wake";
import { dedupeKey } from "@/lib/sentry/dedupe-key";
import { eventFromSentry } from "@/lib/sentry/to-event";
import { issueFromEvent, issueFromSentry } from "@/lib/sentry/to-issue";
import {
  type ErrorWebhook,
  errorWebhook,
  genericWebhook,
  type IssueWebhook,
  issueWebhook,
} from "@/lib/sentry/webhook-payload";
import { storeEvent } from "./store-event";

export type Delivery = { resource: string; requestId: string | null; rawBody: string; payload: unknown };

export type IngestOptions = {
  tenantKeys: string[];
  rolesKeys: string[];
  /** Sentry sends our own API writes back as webhooks from this actor; they must not loop. */
  appId: string | null;
  receivedAt: Date;
  /** An issue analysed less than this long ago is re-analysed only then (absent: at once). */
  reanalyseAfterSeconds?: number;
};

export type IngestResult = {
  outcome: "ingested" | "recorded" | "ignored" | "duplicate";
  issueId?: string;
  eventId?: string;
};

async function storeError(db: Database, payload: ErrorWebhook, options: IngestOptions) {
  const event = eventFromSentry(payload.data.error, options.receivedAt);
  const { project, issue } = issueFromEvent(payload.data.error, event.occurredAt);
  await upsertProject(db, project);
  await touchIssueFromEvent(db, issue);
  const inserted = await storeEvent(db, event, options);
  if (inserted)
    await enqueueAnalysis(db, event.issueId, { minIntervalSeconds: options.reanalyseAfterSeconds ?? 0 });
  return { issueId: event.issueId, eventId: event.id };
}

async function storeIssue(db: Database, payload: IssueWebhook) {
  const { project, issue } = issueFromSentry(payload.data.issue);
  await upsertProject(db, project);
  await upsertIssue(db, issue);
  if (payload.action === "created") await enqueueAnalysis(db, issue.id, { minIntervalSeconds: 0 });
  return { issueId: issue.id };
}

/**
 * Validates and stores one verified delivery in a single transaction: the delivery row, the issue,
 * the event and the analysis job are all written or none is. The caller answers 2xx only after this
 * resolves, so nothing Sentry considers delivered can be lost.
 */
export async function ingestWebhook(
  db: Database,
  delivery: Delivery,
  options: IngestOptions,
): Promise<IngestResult> {
  const { resource } = delivery;
  const payload = toStorableJson(delivery.payload);
  // Parse before opening the transaction: bad input is refused without touching the database.
  const parsed =
    resource === "error"
      ? { kind: "error" as const, payload: errorWebhook.parse(payload) }
      : resource === "issue"
        ? { kind: "issue" as const, payload: issueWebhook.parse(payload) }
        : { kind: "other" as const, payload: genericWebhook.parse(payload) };
  const actor = parsed.payload.actor;
  const ownWrite = Boolean(options.appId) && actor?.type === "application" && actor.id === options.appId;
  const outcome = ownWrite ? "ignored" : parsed.kind === "other" ? "recorded" : "ingested";

  const result = await db.transaction(async (tx): Promise<IngestResult> => {
    const fresh = await insertDelivery(tx, {
      requestId: delivery.requestId,
      resource,
      action: parsed.payload.action,
      dedupeKey: dedupeKey(resource, parsed.payload, delivery.rawBody),
      installationUuid: parsed.payload.installation?.uuid ?? null,
      outcome,
      body: payload,
      receivedAt: options.receivedAt,
    });
    if (!fresh) return { outcome: "duplicate" };
    if (outcome !== "ingested") return { outcome };
    if (parsed.kind === "error") return { outcome, ...(await storeError(tx, parsed.payload, options)) };
    if (parsed.kind === "issue") return { outcome, ...(await storeIssue(tx, parsed.payload)) };
    return { outcome };
  });
  if (result.outcome === "ingested") wakeWorkers();
  return result;
}
