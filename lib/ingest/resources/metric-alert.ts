import { recordedPayload } from "./recorded-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

// metric_alert.*: recorded for audit and replay, not processed yet.
export const metricAlertResource = defineWebhookResource({
  schema: recordedPayload,
  dedupeIds: (payload) => [
    idAt(payload.data, "metric_alert", "id"),
    idAt(payload.data, "metric_alert", "status"),
  ],
});
