import { recordedPayload } from "./recorded-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

// comment.created/updated/deleted: recorded for audit and replay, not processed yet.
export const commentResource = defineWebhookResource({
  schema: recordedPayload,
  dedupeIds: (payload) => [idAt(payload.data, "comment_id"), idAt(payload.data, "timestamp")],
});
