import type { Identity, RawEvent } from "./types";

export type IdentityOptions = { tenantKeys: string[]; rolesKeys: string[] };

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asText(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  return value.trim() || null;
}

// Apps set these with setTag (string only) or setUser (any JSON), sometimes nested under `data`.
function lookups(event: RawEvent, key: string): unknown[] {
  const user = asRecord(event.user);
  return [event.tags[key], user?.[key], asRecord(user?.data)?.[key]];
}

function splitRoles(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === "string" ? [v.trim()] : []));
  if (typeof value === "string") return value.split(/[\s,]+/);
  return [];
}

/**
 * Who was affected: userId is user.id, else username, else email (numbers stringified). The
 * tenant is the first value found walking tenantKeys in order, each checked in tags, user and
 * user.data. Roles are gathered from every rolesKeys place (arrays or comma/space-separated
 * strings), de-duplicated and sorted so equal identities compare equal.
 */
export function extractIdentity(event: RawEvent, options: IdentityOptions): Identity {
  const user = asRecord(event.user);
  const userId = asText(user?.id) ?? asText(user?.username) ?? asText(user?.email);
  let tenantId: string | null = null;
  for (const key of options.tenantKeys) {
    tenantId =
      lookups(event, key)
        .map(asText)
        .find((v) => v !== null) ?? null;
    if (tenantId) break;
  }
  const roles = new Set(
    options.rolesKeys.flatMap((key) => lookups(event, key).flatMap(splitRoles)).filter((role) => role !== ""),
  );
  return { userId, tenantId, roles: [...roles].sort() };
}
