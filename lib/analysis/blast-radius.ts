import type { BlastRadius, Identity } from "./types";

const TOP_TENANTS = 5;

type Tally = { events: number; users: Set<string> };

// Plain code-unit comparison: localeCompare would make the order depend on the host's ICU data.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Counts who an issue hit: distinct non-null users and tenants, the five tenants with the most
 * users (ties broken by events, then tenant id), and distinct users per role (roles seen only on
 * anonymous events are left out; they name nobody). Each entry is one event, or, with `events`,
 * that many events of one identity, so an issue's whole history fits in one entry per identity.
 * O(entries × roles).
 */
export function computeBlastRadius(identities: (Identity & { events?: number })[]): BlastRadius {
  let eventTotal = 0;
  const users = new Set<string>();
  const tenants = new Map<string, Tally>();
  const roles = new Map<string, Set<string>>();
  for (const event of identities) {
    const weight = event.events ?? 1;
    eventTotal += weight;
    if (event.userId !== null) users.add(event.userId);
    if (event.tenantId !== null) {
      const tally = tenants.get(event.tenantId) ?? { events: 0, users: new Set<string>() };
      tally.events += weight;
      if (event.userId !== null) tally.users.add(event.userId);
      tenants.set(event.tenantId, tally);
    }
    if (event.userId === null) continue;
    for (const role of event.roles) {
      const holders = roles.get(role) ?? new Set<string>();
      holders.add(event.userId);
      roles.set(role, holders);
    }
  }
  const topTenants = [...tenants]
    .map(([tenantId, t]) => ({ tenantId, events: t.events, users: t.users.size }))
    .sort((a, b) => b.users - a.users || b.events - a.events || byText(a.tenantId, b.tenantId))
    .slice(0, TOP_TENANTS);
  const roleCounts = [...roles]
    .map(([role, holders]) => ({ role, users: holders.size }))
    .sort((a, b) => b.users - a.users || byText(a.role, b.role));
  return { events: eventTotal, users: users.size, tenants: tenants.size, topTenants, roles: roleCounts };
}
