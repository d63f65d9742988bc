import { readFileSync } from "node:fs";
import type { Database } from "@/lib/db/connect";
import { type Delivery, type IngestOptions, ingestWebhook } from "@/lib/ingest/ingest-webhook";
import { type StoreDeliverySettings, storeDeliveryJob } from "@/lib/ingest/store-delivery-job";
import { createJobRegistry } from "@/lib/jobs/job-registry";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { fixturesDir } from "./databases";

/** What ingestWebhook is told in data-layer tests: default identity keys, Sift's app id, now. */
export const ingestOptions = {
  tenantKeys: ["tenant_id"],
  rolesKeys: ["roles"],
  appId: "sift-app-uuid",
  receivedAt: new Date(),
};

/** The real error.created fixture as a verified delivery, changed by `mutate` before it is serialised. */
export function errorDelivery(mutate?: (payload: { data: { error: Record<string, unknown> } }) => void) {
  const payload = JSON.parse(readFileSync(`${fixturesDir}/webhooks/webhook-error-created.json`, "utf8"));
  mutate?.(payload);
  const rawBody = JSON.stringify(payload);
  return { resource: "error", requestId: crypto.randomUUID().replaceAll("-", ""), rawBody, payload };
}

/**
 * Runs every queued store_delivery job: what the worker does after the webhook answers, for tests
 * that look at what an error.created delivery stored.
 */
export async function storeQueuedDeliveries(db: Database, options: StoreDeliverySettings = ingestOptions) {
  const registry = createJobRegistry([storeDeliveryJob(options)]);
  while ((await runDueJobs(db, registry, { batchSize: 100 })) > 0) {}
}

/** ingestWebhook, then the store job it may have queued, as the webhook and its worker would. */
export async function ingestAndStore(db: Database, delivery: Delivery, options: IngestOptions) {
  const result = await ingestWebhook(db, delivery, options);
  await storeQueuedDeliveries(db, options);
  return result;
}
