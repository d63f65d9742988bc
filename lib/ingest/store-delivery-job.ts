import { z } from "zod";
import type { Database } from "@/lib/db/connect";
import { getDelivery } from "@/lib/db/queries/deliveries";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";
import type { IngestOptions } from "./ingest-options";
import { recordDeliveryOrg } from "./record-project-org";
import { webhookResources } from "./resources/index";

export const STORE_DELIVERY_JOB = "store_delivery";

/** What ingest is told but the time: the delivery's own receivedAt is read from its row. */
export type StoreDeliverySettings = Omit<IngestOptions, "receivedAt">;

export type StoreDeliveryResult = "stored" | "gone";

/**
 * Stores what a delivery recorded by the webhook carries (a resource with `storeLater`): its body
 * is read back, validated by its resource's schema again (the schema may have changed since a
 * rolling deploy) and stored. Idempotent, so a retried job changes nothing; a delivery that is gone
 * (retention) leaves nothing to do.
 */
export async function runStoreDeliveryJob(
  db: Database,
  deliveryId: number,
  settings: StoreDeliverySettings,
): Promise<StoreDeliveryResult> {
  const delivery = await getDelivery(db, deliveryId);
  if (!delivery) return "gone";
  const handler = Object.hasOwn(webhookResources, delivery.resource)
    ? webhookResources[delivery.resource]
    : undefined;
  if (!handler?.storeLater) throw new Error(`${delivery.resource} deliveries are not stored by a job`);
  const payload = handler.schema.parse(JSON.parse(delivery.bodyJson));
  const options = { ...settings, receivedAt: delivery.receivedAt };
  const refs = await handler.storeLater.store(db, payload, options, delivery.id);
  await recordDeliveryOrg(db, settings, payload, refs);
  return "stored";
}

export function storeDeliveryJob(settings: StoreDeliverySettings): JobKind {
  return {
    name: STORE_DELIVERY_JOB,
    subject: z.string().regex(/^[1-9][0-9]{0,18}$/),
    retry: defaultRetry,
    run: async ({ db, subjectId }) => {
      await runStoreDeliveryJob(db, Number(subjectId), settings);
    },
  };
}
