import { type TenantTier, tenantTiers } from "./types";

const isTier = (value: string): value is TenantTier => (tenantTiers as readonly string[]).includes(value);

/**
 * Reads tenant tiers from configuration text: a JSON object (`{"acme": "enterprise"}`) or a list of
 * `tenant:tier` separated by commas or new lines (`acme:enterprise, globex:pro`). The tenant is
 * everything before the last colon, so tenant ids may hold colons. Tiers are enterprise, pro or
 * free; anything else throws with the entry that is wrong, so a typo fails at start-up instead of
 * quietly weighing nothing. Empty text is no tiers.
 */
export function parseTenantTiers(text: string): Map<string, TenantTier> {
  const trimmed = text.trim();
  if (trimmed === "") return new Map();
  const entries = trimmed.startsWith("{") ? jsonEntries(trimmed) : listEntries(trimmed);
  const tiers = new Map<string, TenantTier>();
  for (const [tenant, tier] of entries) {
    const name = tier.trim().toLowerCase();
    if (tenant.trim() === "") throw new Error(`tenant tier "${tier}" has no tenant`);
    if (!isTier(name)) {
      throw new Error(`tenant "${tenant}" has tier "${tier}": use one of ${tenantTiers.join(", ")}`);
    }
    tiers.set(tenant.trim(), name);
  }
  return tiers;
}

function jsonEntries(text: string): [string, string][] {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error('tenant tiers as JSON must be an object of tenant to tier, e.g. {"acme": "enterprise"}');
  }
  return Object.entries(parsed).map(([tenant, tier]) => {
    if (typeof tier !== "string") throw new Error(`tenant "${tenant}" has a tier that is not a string`);
    return [tenant, tier];
  });
}

function listEntries(text: string): [string, string][] {
  return text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.lastIndexOf(":");
      if (colon < 0) throw new Error(`tenant tier "${entry}" is not tenant:tier`);
      return [entry.slice(0, colon), entry.slice(colon + 1)];
    });
}
