import { z } from "zod";
import type { Database } from "@/lib/db/connect";
import { insertDelivery, insertDeliveryWithJob, type NewDelivery } from "@/lib/db/queries/deliveries";
import { isStorableJsonText, JsonTooDeepError, toStorableJson } from "@/lib/db/storable-json";
import { asForeground } from "@/lib/jobs/foreground";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { IngestOptions } from "./ingest-options";
import { recordDeliveryOrg } from "./record-project-org";
import { dedupeKey } from "./resources/dedupe-key";
import { webhookResources } from "./resources/index";
import { recordedPayload } from "./resources/recorded-payload";
import type { StoredRefs } from "./resources/webhook-resource";
import { STORE_DELIVERY_JOB } from "./store-delivery-job";

export type { IngestOptions } from "./ingest-options";

/** A verified delivery: `rawBody` is the exact text that was signed, `payload` its JSON.parse. */
export type Delivery = { resource: string; requestId: string | null; rawBody: string; payload: unknown };

export type IngestResult = StoredRefs & { outcome: "ingested" | "recorded" | "ignored" | "duplicate" };

// Sentry's resource names are short snake_case words; anything else is not Sentry, and an
// unknown but plausible one is still recorded.
const resourceName = z
  .string()
  .regex(
    /^[A-Za-z0-9_.-]{1,64}$/,
    "Sentry-Hook-Resource is a resource name of at most 64 letters, digits, _ . -",
  );

// The body as PostgreSQL will store it, or a ZodError (400) for JSON too deeply nested to store.
const storableBody = z.unknown().transform((body, ctx) => {
  try {
    return toStorableJson(body);
  } catch (error) {
    if (!(error instanceof JsonTooDeepError)) throw error;
    ctx.addIssue({ code: "custom", message: error.message });
    return z.NEVER;
  }
});

/**
 * Validates and stores one verified delivery atomically: the delivery row and whatever its resource
 * stores (issue, comment, …) are all written or none is, in one transaction. A resource that stores
 * later (`storeLater`, error.created) has its delivery row and a store job written in one statement
 * instead, and the job stores the rest after the answer: the delivery is as durable either way. The caller answers 2xx only after
 * this resolves, so nothing Sentry considers delivered can be lost. Throws ZodError for a body its
 * resource's schema refuses, before touching the database.
 */
export async function ingestWebhook(
  db: Database,
  delivery: Delivery,
  options: IngestOptions,
): Promise<IngestResult> {
  const resource = resourceName.parse(delivery.resource);
  const handler = Object.hasOwn(webhookResources, resource) ? webhookResources[resource] : undefined;
  // The cleaned body is what is kept (raw, for audit and replay); the parsed one is what is stored
  // from. Most bodies need no cleaning: their own text is then stored, neither copied nor re-serialised.
  const storable = isStorableJsonText(delivery.rawBody) && !handler?.redact;
  const body = storable ? delivery.payload : storableBody.parse(delivery.payload);
  const payload = (handler?.schema ?? recordedPayload).parse(body);
  const actor = payload.actor;
  const ownWrite = Boolean(options.appId) && actor?.type === "application" && actor.id === options.appId;
  // Own writes are stored but queue nothing (StoreOptions), and keep answering "ignored" (200).
  const outcome = ownWrite ? "ignored" : handler?.store || handler?.storeLater ? "ingested" : "recorded";
  const row: NewDelivery = {
    requestId: delivery.requestId,
    resource,
    action: payload.action,
    dedupeKey: dedupeKey(resource, payload, delivery.rawBody),
    installationUuid: payload.installation?.uuid ?? null,
    outcome,
    bodyJson: storable ? delivery.rawBody : JSON.stringify(handler?.redact ? handler.redact(body) : body),
    receivedAt: options.receivedAt,
  };

  const storeLater = ownWrite ? undefined : handler?.storeLater;
  const store = handler?.store;
  const result = await asForeground(async (): Promise<IngestResult> => {
    if (storeLater) {
      // The hot path: one statement records the delivery and queues its store (store-delivery-job.ts).
      if (!(await insertDeliveryWithJob(db, row, STORE_DELIVERY_JOB))) return { outcome: "duplicate" };
      return { outcome, ...storeLater.refs(payload) };
    }
    return db.transaction(async (tx): Promise<IngestResult> => {
      if (!(await insertDelivery(tx, row))) return { outcome: "duplicate" };
      if (!store) return { outcome };
      const refs = await store(tx, payload, { ...options, ownWrite });
      await recordDeliveryOrg(tx, options, payload, refs);
      return { outcome, ...refs };
    });
  });
  if (result.outcome === "ingested") wakeWorkers();
  return result;
}
