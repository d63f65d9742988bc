import { recordedPayload } from "./recorded-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

// seer.*: recorded for audit and replay, not processed yet.
export const seerResource = defineWebhookResource({
  schema: recordedPayload,
  dedupeIds: (payload) => [idAt(payload.data, "run_id")],
});
