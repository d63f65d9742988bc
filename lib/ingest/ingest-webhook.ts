import { z } from "zod";
import type { Database } from "@/lib/db/connect";
import { insertDelivery } from "@/lib/db/queries/deliveries";
import { recordProjectOrg } from "@/lib/db/queries/installations";
import { JsonTooDeepError, toStorableJson } from "@/lib/db/storable-json";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { IngestOptions } from "./ingest-options";
import { dedupeKey } from "./resources/dedupe-key";
import { webhookResources } from "./resources/index";
import { recordedPayload } from "./resources/recorded-payload";
import type { StoredRefs } from "./resources/webhook-resource";

export type { IngestOptions } from "./ingest-options";

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
 * Validates and stores one verified delivery in a single transaction: the delivery row and whatever
 * its resource stores (issue, event, analysis job) are all written or none is. The caller answers
 * 2xx only after this resolves, so nothing Sentry considers delivered can be lost. Throws ZodError
 * for a body its resource's schema refuses, before touching the database.
 */
export async function ingestWebhook(
  db: Database,
  delivery: Delivery,
  options: IngestOptions,
): Promise<IngestResult> {
  const resource = resourceName.parse(delivery.resource);
  const handler = Object.hasOwn(webhookResources, resource) ? webhookResources[resource] : undefined;
  // The cleaned body is what is kept (raw, for audit and replay); the parsed one is what is stored from.
  const body = storableBody.parse(delivery.payload);
  const payload = (handler?.schema ?? recordedPayload).parse(body);
  const actor = payload.actor;
  const ownWrite = Boolean(options.appId) && actor?.type === "application" && actor.id === options.appId;
  const store = handler?.store;
  // Own writes are stored but queue nothing (StoreOptions), and keep answering "ignored" (200).
  const outcome = ownWrite ? "ignored" : store ? "ingested" : "recorded";

  const result = await db.transaction(async (tx): Promise<IngestResult> => {
    const fresh = await insertDelivery(tx, {
      requestId: delivery.requestId,
      resource,
      action: payload.action,
      dedupeKey: dedupeKey(resource, payload, delivery.rawBody),
      installationUuid: payload.installation?.uuid ?? null,
      outcome,
      body: handler?.redact ? handler.redact(body) : body,
      receivedAt: options.receivedAt,
    });
    if (!fresh) return { outcome: "duplicate" };
    if (!store) return { outcome };
    const refs = await store(tx, payload, { ...options, ownWrite });
    // A public integration's deliveries say which installation, hence which organisation, they are for.
    const installationUuid = payload.installation?.uuid;
    if (options.publicIntegration && refs.issueId && installationUuid) {
      await recordProjectOrg(tx, refs.issueId, installationUuid);
    }
    return { outcome, ...refs };
  });
  if (result.outcome === "ingested") wakeWorkers();
  return result;
}
