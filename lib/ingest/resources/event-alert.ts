import { recordedPayload } from "./recorded-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

// event_alert.triggered: recorded for audit and replay, not processed yet.
export const eventAlertResource = defineWebhookResource({
  schema: recordedPayload,
  dedupeIds: (payload) => [
    idAt(payload.data, "event", "event_id").toLowerCase(),
    idAt(payload.data, "triggered_rule"),
  ],
});
