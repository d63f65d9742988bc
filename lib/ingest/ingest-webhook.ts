import type { Database } from "@/lib/db/connect";
import { insertDelivery, type NewDelivery } from "@/lib/db/queries/deliveries";
import { isStorableJsonText, toStorableJson } from "@/lib/db/storable-json";
import { asForeground } from "@/lib/jobs/foreground";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { IngestOptions } from "./ingest-options";
import { dedupeKey } from "./resources/dedupe-key";
import { webhookResources } from "./resources/index";
import { recordedPayload } from "./resources/recorded-payload";
import type { StoredRefs } from "./resources/webhook-resource";

export type { IngestOptions } from "./ingest-options";

/** A verified delivery: `rawBody` is the exact text that was signed, `payload` its JSON.parse. */
export type Delivery = { resource: string; requestId: string | null; rawBody: string; payload: unknown };

export type IngestResult = StoredRefs & { outcome: "ingested" | "recorded" | "ignored" | "duplicate" };

/**
 * Validates and stores one verified delivery atomically: the delivery row and whatever its resource
 * stores (issue, event, analysis job) are all written or none is, in one statement when the
 * resource can (`storeWithDelivery`), else in one transaction. The caller answers 2xx only after
 * this resolves, so nothing Sentry considers delivered can be lost. Throws ZodError for a body its
 * resource's schema refuses, before touching the database.
 */
export async function ingestWebhook(
  db: Database,
  delivery: Delivery,
  options: IngestOptions,
): Promise<IngestResult> {
  const { resource } = delivery;
  const handler = Object.hasOwn(webhookResources, resource) ? webhookResources[resource] : undefined;
  // The cleaned body is what is kept (raw, for audit and replay); the parsed one is what is stored
  // from. Most bodies need no cleaning: their own text is then stored, neither copied nor re-serialised.
  const storable = isStorableJsonText(delivery.rawBody);
  const body = storable ? delivery.payload : toStorableJson(delivery.payload);
  const payload = (handler?.schema ?? recordedPayload).parse(body);
  const actor = payload.actor;
  const ownWrite = Boolean(options.appId) && actor?.type === "application" && actor.id === options.appId;
  const outcome = ownWrite
    ? "ignored"
    : handler?.store || handler?.storeWithDelivery
      ? "ingested"
      : "recorded";
  const row: NewDelivery = {
    requestId: delivery.requestId,
    resource,
    action: payload.action,
    dedupeKey: dedupeKey(resource, payload, delivery.rawBody),
    installationUuid: payload.installation?.uuid ?? null,
    outcome,
    bodyJson: storable ? delivery.rawBody : JSON.stringify(body),
    receivedAt: options.receivedAt,
  };

  const storeWithDelivery = outcome === "ingested" ? handler?.storeWithDelivery : undefined;
  const store = outcome === "ingested" ? handler?.store : undefined;
  const result = await asForeground(async (): Promise<IngestResult> => {
    if (storeWithDelivery) {
      const refs = await storeWithDelivery(db, payload, options, row);
      return refs ? { outcome, ...refs } : { outcome: "duplicate" };
    }
    return db.transaction(async (tx): Promise<IngestResult> => {
      if (!(await insertDelivery(tx, row))) return { outcome: "duplicate" };
      if (!store) return { outcome };
      return { outcome, ...(await store(tx, payload, options)) };
    });
  });
  if (result.outcome === "ingested") wakeWorkers();
  return result;
}
