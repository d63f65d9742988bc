import { createHash } from "node:crypto";
import { webhookResources } from "./index";
import { idAt, type WebhookPayload } from "./webhook-resource";

/**
 * The key that makes a retried delivery a duplicate: resource, action and the resource's own ids,
 * or a hash of the exact body when an id is missing or the resource is unknown.
 */
export function dedupeKey(resource: string, payload: object, rawBody: string): string {
  const action = idAt(payload, "action");
  const ids = Object.hasOwn(webhookResources, resource)
    ? webhookResources[resource]?.dedupeIds(payload as WebhookPayload)
    : undefined;
  if (ids?.every((id) => id !== "")) return [resource, action, ...ids].join(":");
  return `${resource}:${action}:sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}
