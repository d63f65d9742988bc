import { z } from "zod";
import { sentryEvent, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { storeDeliveredEvent, storeEventWithDelivery } from "../store-delivered-event";
import { defineWebhookResource, idAt } from "./webhook-resource";

// error.created: one full event (Business plan and up).
export const errorResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.literal("created"),
    data: z.looseObject({ error: sentryEvent }),
  }),
  dedupeIds: (payload) => [idAt(payload.data, "error", "event_id").toLowerCase()],
  // The hot path of a burst: delivery, project, issue, event, rollups and job in one statement.
  storeWithDelivery: (db, payload, options, delivery) =>
    storeEventWithDelivery(db, payload.data.error, options, delivery),
  // An echo of Sift's own write takes the transaction path, which queues nothing for it.
  store: (tx, payload, options) => storeDeliveredEvent(tx, payload.data.error, options),
});
