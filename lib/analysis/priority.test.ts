import { describe, expect, it } from "vitest";
import { categoryPoints, computePriority, type PriorityInput, priorityRank } from "./priority";
import type { HourlyEvents } from "./types";

const HOUR = 3_600_000;
const now = new Date(Date.UTC(2026, 10, 5, 12, 20));
const hourStart = Date.UTC(2026, 10, 5, 12);
const monthAgo = new Date(now.getTime() - 30 * 24 * HOUR);

function hours(eventsAt: (hoursAgo: number) => number): HourlyEvents[] {
  const out: HourlyEvents[] = [];
  for (let ago = 71; ago >= 0; ago--)
    out.push({ hour: new Date(hourStart - ago * HOUR), events: eventsAt(ago) });
  return out;
}

const events = (n: number, e: { handled?: boolean | null; environment?: string | null }) =>
  Array.from({ length: n }, () => e);

/** A steady, handled production error that hit a handful of users in one tenant. */
const base: PriorityInput = {
  now,
  firstSeen: monthAgo,
  level: "error",
  users: 5,
  tenants: 1,
  activeTenants: 40,
  activeTenantsHit: 1,
  tieredTenantsHit: [],
  hourly: hours(() => 4),
  events: events(20, { handled: true, environment: "production" }),
};

const priority = (changes: Partial<PriorityInput>) => computePriority({ ...base, ...changes });
const reason = (p: ReturnType<typeof computePriority>, factor: string) =>
  p.reasons.find((r) => r.factor === factor);

describe("computePriority", () => {
  it("makes a broad, rising, unhandled production outage P0, with every reason and its number", () => {
    const p = priority({
      users: 800,
      tenants: 22,
      activeTenantsHit: 20,
      hourly: hours((ago) => (ago < 2 ? 300 : 10)),
      events: events(50, { handled: false, environment: "production" }),
      category: "database",
    });
    expect(p.tier).toBe("P0");
    expect(p.trend.trend).toBe("rising");
    expect(p.activeTenantShare).toBe(0.5);
    expect(reason(p, "users")?.text).toBe("800 users affected");
    expect(reason(p, "tenants")).toEqual({
      factor: "tenants",
      text: "20 of 40 active tenants hit (50%)",
      points: 30,
    });
    expect(reason(p, "handled")?.text).toBe("unhandled in 50 of 50 recent events");
    expect(reason(p, "trend")?.text).toMatch(/^rising: \d+\/h in the last 3 h against 10\/h before$/);
    expect(reason(p, "category")?.points).toBeGreaterThan(0);
    // The score is exactly the reasons' points, largest first.
    expect(p.score).toBe(p.reasons.reduce((sum, r) => sum + r.points, 0));
    const sizes = p.reasons.map((r) => Math.abs(r.points));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it("makes a new crash for dozens of users in a few tenants P1", () => {
    const p = priority({
      users: 40,
      tenants: 4,
      activeTenantsHit: 4,
      firstSeen: new Date(now.getTime() - 2 * HOUR),
      hourly: hours((ago) => (ago < 3 ? 30 : 0)),
      events: events(30, { handled: false, environment: "production" }),
    });
    expect(p.trend.trend).toBe("new");
    expect(reason(p, "trend")?.text).toMatch(/^new: first seen 2 h ago/);
    expect(p.tier).toBe("P1");
  });

  it("makes a steady handled error for a few users P2, and the same in a falling issue P3", () => {
    const steady = priority({ users: 30, tenants: 3, activeTenantsHit: 3 });
    expect(steady.trend.trend).toBe("steady");
    expect(steady.tier).toBe("P2");
    const falling = priority({
      users: 30,
      tenants: 3,
      activeTenantsHit: 3,
      hourly: hours((ago) => (ago < 3 ? 0 : 4)),
    });
    expect(falling.trend.trend).toBe("falling");
    expect(falling.tier).toBe("P3");
  });

  it("keeps a single user at P3 however severe, and says why", () => {
    const p = priority({
      users: 1,
      tenants: 1,
      level: "fatal",
      tieredTenantsHit: [{ tenantId: "acme", tier: "enterprise" }],
      hourly: hours((ago) => (ago === 0 ? 100 : 1)),
      events: events(10, { handled: false, environment: "production" }),
    });
    expect(p.score).toBeGreaterThanOrEqual(40);
    expect(p.tier).toBe("P3");
    expect(p.reasons.at(-1)).toEqual({ factor: "cap", text: "a single user: P3 at most", points: 0 });
  });

  it("caps an issue seen only outside production at P2 and weighs production more", () => {
    const outage = {
      users: 800,
      tenants: 22,
      activeTenantsHit: 20,
      events: events(50, { handled: false, environment: "staging" }),
    };
    const staging = priority(outage);
    expect(staging.tier).toBe("P2");
    expect(reason(staging, "environment")).toEqual({
      factor: "environment",
      text: "only seen outside production (staging)",
      points: -20,
    });
    const production = priority({
      ...outage,
      events: events(50, { handled: false, environment: "prod-eu" }),
    });
    expect(production.score).toBe(staging.score + 20);
    expect(production.tier).toBe("P0");
  });

  it("adds high-value tenants by tier, capped, and names them", () => {
    const none = priority({});
    const enterprise = priority({ tieredTenantsHit: [{ tenantId: "acme", tier: "enterprise" }] });
    const many = priority({
      tieredTenantsHit: ["a", "b", "c"].map((tenantId) => ({ tenantId, tier: "enterprise" as const })),
    });
    const free = priority({ tieredTenantsHit: [{ tenantId: "tiny", tier: "free" }] });
    expect(enterprise.score - none.score).toBe(15);
    expect(many.score - none.score).toBe(25);
    expect(reason(many, "tiers")?.text).toBe("3 enterprise tenants hit (a, b, c)");
    expect(free.score).toBe(none.score);
  });

  it("weighs level, unhandled share and category", () => {
    expect(priority({ level: "fatal" }).score - priority({}).score).toBe(10);
    expect(priority({ level: "warning" }).score - priority({}).score).toBe(-10);
    const mixed = priority({
      events: [...events(3, { handled: false }), ...events(7, { handled: true }), ...events(2, {})],
    });
    expect(reason(mixed, "handled")?.text).toBe("unhandled in 3 of 12 recent events");
    expect(priority({ category: "third-party script" }).score - priority({}).score).toBe(-10);
    expect(priority({ category: "other" }).score).toBe(priority({}).score);
  });

  it("counts tenants by number when no active tenant is known", () => {
    const p = priority({ activeTenants: 0, activeTenantsHit: 0, tenants: 9 });
    expect(p.activeTenantShare).toBeNull();
    expect(reason(p, "tenants")).toEqual({ factor: "tenants", text: "9 tenants hit", points: 10 });
  });
});

describe("categoryPoints", () => {
  it("matches category names whatever their separators", () => {
    expect(categoryPoints("upstream_5xx")).toBe(10);
    expect(categoryPoints("Chunk or asset load")).toBe(10);
    expect(categoryPoints("validation")).toBe(-10);
    expect(categoryPoints("third_party_script")).toBe(-10);
    expect(categoryPoints("null_access")).toBe(0);
  });
});

describe("priorityRank", () => {
  it("orders by tier first, then score, above issues with no priority (0)", () => {
    const ranks = [
      priorityRank({ tier: "P3", score: 5 }),
      priorityRank({ tier: "P1", score: 45 }),
      priorityRank({ tier: "P3", score: 55 }),
      priorityRank({ tier: "P0", score: 61 }),
      priorityRank({ tier: "P2", score: -12 }),
    ];
    expect(ranks).toEqual([1005, 3045, 1055, 4061, 2000]);
    expect(Math.min(...ranks)).toBeGreaterThan(0);
  });
});
