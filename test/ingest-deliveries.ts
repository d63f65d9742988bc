import { readFileSync } from "node:fs";
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
