// Client-safe: used by the API (enforcement) and by the UI (badges, hiding buttons).

export const roles = ["viewer", "triager", "admin"] as const;

export type Role = (typeof roles)[number];

/** Who is calling the API, as proven by a verified access token. */
export type Principal = {
  sub: string;
  name: string | null;
  email: string | null;
  roles: Role[];
  tenantId: string | null;
};

const rank: Record<Role, number> = { viewer: 0, triager: 1, admin: 2 };

function isRole(value: string): value is Role {
  return Object.hasOwn(rank, value);
}

/** admin ⊃ triager ⊃ viewer: true when any of the principal's roles is at least `min`. */
export function hasRole(principal: { roles: readonly Role[] }, min: Role): boolean {
  return principal.roles.some((role) => rank[role] >= rank[min]);
}

/** The most powerful role, for a badge; null when the user has none Sift knows. */
export function highestRole(userRoles: readonly Role[]): Role | null {
  return userRoles.reduce<Role | null>(
    (best, role) => (best === null || rank[role] > rank[best] ? role : best),
    null,
  );
}

/**
 * Known roles from a claim value: an array, or one string separated by spaces or commas
 * (IdPs disagree). Unknown names are dropped, so an IdP's own roles never grant anything here.
 */
export function parseRoles(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  const known = names.filter((name): name is Role => typeof name === "string" && isRole(name));
  return [...new Set(known)];
}

/**
 * Reads a claim by name, or by dotted path when no claim has that exact name
 * (Keycloak: "realm_access.roles"). Exact names win because namespaced claims such as
 * "https://sift.example/roles" contain dots too.
 */
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const key of name.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
