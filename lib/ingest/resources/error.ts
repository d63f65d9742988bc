import { z } from "zod";
import { sentryEvent, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { storeDeliveredEvent, storeEventOfDelivery } from "../store-delivered-event";
import { defineWebhookResource, idAt } from "./webhook-resource";

// error.created: one full event (Business plan and up).
export const errorResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.literal("created"),
    data: z.looseObject({ error: sentryEvent }),
  }),
  dedupeIds: (payload) => [idAt(payload.data, "error", "event_id").toLowerCase()],
  // The hot path of a burst: the webhook records the delivery and its store job; the job stores the
  // project, issue, event, rollups and analysis job in one statement.
  storeLater: {
    store: (db, payload, options, deliveryId) =>
      storeEventOfDelivery(db, payload.data.error, options, deliveryId),
    refs: (payload) => ({
      issueId: payload.data.error.issue_id,
      eventId: payload.data.error.event_id.toLowerCase(),
    }),
  },
  // An echo of Sift's own write takes the transaction path, which queues nothing for it.
  store: (tx, payload, options) => storeDeliveredEvent(tx, payload.data.error, options),
});
