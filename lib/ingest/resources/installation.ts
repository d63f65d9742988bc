import { recordedPayload } from "./recorded-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

// installation.created/deleted: recorded for audit and replay, not processed yet.
export const installationResource = defineWebhookResource({
  schema: recordedPayload,
  dedupeIds: (payload) => [
    idAt(payload.data, "installation", "uuid") || idAt(payload, "installation", "uuid"),
  ],
});
