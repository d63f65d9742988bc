import { createHash } from "node:crypto";

type Payload = {
  action?: unknown;
  data?: Record<string, unknown> | null;
  installation?: { uuid?: unknown } | null;
};

const pick = (value: unknown, ...path: string[]): string => {
  let current: unknown = value;
  for (const key of path) current = (current as Record<string, unknown> | null | undefined)?.[key];
  return current == null ? "" : String(current);
};

/**
 * Sentry retries with a new Request-ID and signature, so a delivery is identified by the ids in its
 * payload (CONTRACT.md §1.4). Unknown resources fall back to a hash of the exact body.
 */
export function dedupeKey(resource: string, payload: Payload, rawBody: string): string {
  const action = String(payload.action ?? "");
  const data = payload.data ?? {};
  const parts: Record<string, () => string[]> = {
    error: () => [pick(data, "error", "event_id").toLowerCase()],
    issue: () => [pick(data, "issue", "id"), pick(data, "issue", "lastSeen"), pick(data, "issue", "status")],
    event_alert: () => [pick(data, "event", "event_id").toLowerCase(), pick(data, "triggered_rule")],
    comment: () => [pick(data, "comment_id"), pick(data, "timestamp")],
    metric_alert: () => [pick(data, "metric_alert", "id"), pick(data, "metric_alert", "status")],
    installation: () => [pick(data, "installation", "uuid") || pick(payload, "installation", "uuid")],
    seer: () => [pick(data, "run_id")],
  };
  const ids = parts[resource]?.();
  if (ids?.every((id) => id !== "")) return [resource, action, ...ids].join(":");
  return `${resource}:${action}:sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}
