import { createHash } from "node:crypto";
import { webhookResources } from "./index";
import { idAt, type WebhookPayload } from "./webhook-resource";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// The key is a unique btree entry, and PostgreSQL refuses entries over ~2.7 kB (SQLSTATE 54000):
// a signed payload with a long status or action would otherwise fail the insert with a 500. Real
// parts (ids, actions, ISO dates) are far shorter and stay readable; longer ones become a hash.
const MAX_PART = 128;
const keyPart = (part: string) => (part.length > MAX_PART ? `sha256:${sha256(part)}` : part);

/**
 * The key that makes a retried delivery a duplicate: resource, action and the resource's own ids,
 * or a hash of the exact body when an id is missing or the resource is unknown. Every part is
 * at most MAX_PART characters, or its hash.
 */
export function dedupeKey(resource: string, payload: object, rawBody: string): string {
  const action = idAt(payload, "action");
  const ids = Object.hasOwn(webhookResources, resource)
    ? webhookResources[resource]?.dedupeIds(payload as WebhookPayload)
    : undefined;
  const prefix = [resource, action].map(keyPart);
  if (ids?.every((id) => id !== "")) return [...prefix, ...ids.map(keyPart)].join(":");
  return `${prefix.join(":")}:sha256:${sha256(rawBody)}`;
}
