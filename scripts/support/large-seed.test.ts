import { describe, expect, it } from "vitest";
import { eventsOf, planIssues, type SeedSize, tenantWeightsFor } from "./large-seed";

const size: SeedSize = { issues: 400, events: 6_000, tenants: 30, users: 600, days: 7 };
const now = new Date(Date.UTC(2026, 11, 1));

describe("the large seed", () => {
  const plans = planIssues(size, now, 7);
  const weights = tenantWeightsFor(size);
  const all = plans.flatMap((plan) => [...eventsOf(plan, size, weights, 7)]);

  it("plans exactly the events asked for, at least one an issue, skewed to a few hot issues", () => {
    expect(all).toHaveLength(size.events);
    expect(Math.min(...plans.map((p) => p.events))).toBeGreaterThanOrEqual(1);
    const sorted = plans.map((p) => p.events).sort((a, b) => b - a);
    const topTenth = sorted.slice(0, size.issues / 10).reduce((a, b) => a + b, 0);
    expect(topTenth / size.events).toBeGreaterThan(0.4);
  });

  it("keeps every event inside its issue's seen range and the data window", () => {
    for (const plan of plans.slice(0, 50)) {
      for (const e of eventsOf(plan, size, weights, 7)) {
        expect(e.occurredAt.getTime()).toBeGreaterThanOrEqual(plan.firstSeen.getTime());
        expect(e.occurredAt.getTime()).toBeLessThanOrEqual(plan.lastSeen.getTime());
      }
      expect(now.getTime() - plan.firstSeen.getTime()).toBeLessThanOrEqual(size.days * 86_400_000);
    }
  });

  it("gives a cascade's issues shared trace ids across projects, and no one else those traces", () => {
    const cascade = plans.filter((p) => p.cascade === 0);
    expect(cascade).toHaveLength(4);
    expect(new Set(cascade.map((p) => p.project.side))).toEqual(new Set(["server", "client"]));
    const tracesOf = (issueId: string) =>
      new Set(all.filter((e) => e.issueId === issueId).map((e) => e.traceId));
    const root = tracesOf(cascade[0]?.id as string);
    const shared = cascade.slice(1).filter((p) => [...tracesOf(p.id as string)].some((t) => root.has(t)));
    expect(shared.length).toBeGreaterThan(0);
    const others = plans.filter((p) => p.cascade !== 0).map((p) => p.id);
    expect(all.some((e) => others.includes(e.issueId) && root.has(e.traceId))).toBe(false);
  });

  it("is the same data for the same seed, and different for another", () => {
    expect(planIssues(size, now, 7).map((p) => p.events)).toEqual(plans.map((p) => p.events));
    expect(planIssues(size, now, 8).map((p) => p.title)).not.toEqual(plans.map((p) => p.title));
  });
});
