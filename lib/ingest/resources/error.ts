import { z } from "zod";
import { sentryEvent, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { storeDeliveredEvent } from "../store-delivered-event";
import { defineWebhookResource, idAt } from "./webhook-resource";

// error.created: one full event (Business plan and up).
export const errorResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.literal("created"),
    data: z.looseObject({ error: sentryEvent }),
  }),
  dedupeIds: (payload) => [idAt(payload.data, "error", "event_id").toLowerCase()],
  storeWithDelivery: (db, payload, options, delivery) =>
    storeDeliveredEvent(db, payload.data.error, options, delivery),
});
