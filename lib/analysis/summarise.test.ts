import { describe, expect, it } from "vitest";
import { type SummaryInput, summarise } from "./summarise";

const base: SummaryInput = {
  title: "TypeError: Cannot read properties of undefined (reading 'code')",
  culprit: "applyCoupon(app/checkout/cart)",
  frame: { filename: "src/checkout/cart.ts", function: "applyCoupon", module: null, lineNo: 42, inApp: true },
  blastRadius: {
    events: 40,
    users: 12,
    tenants: 4,
    topTenants: [
      { tenantId: "acme", events: 20, users: 6 },
      { tenantId: "globex", events: 10, users: 3 },
      { tenantId: "initech", events: 6, users: 2 },
      { tenantId: "hooli", events: 4, users: 1 },
    ],
    roles: [],
  },
  owner: {
    owner: "#payments",
    source: "ownership_rule",
    rule: "path:src/checkout/** #payments dana@acme.io",
  },
};

describe("summarise", () => {
  it("writes one line with error, location, impact and owner", () => {
    expect(summarise(base)).toBe(
      "TypeError in checkout/cart.ts (applyCoupon) — 12 users in 4 tenants (acme, globex, initech, …); owner #payments via path:src/checkout/**",
    );
  });

  it("is deterministic", () => {
    expect(summarise(structuredClone(base))).toBe(summarise(base));
  });

  it("names every tenant when there are few, and uses singulars", () => {
    const radius = {
      events: 1,
      users: 1,
      tenants: 1,
      topTenants: [{ tenantId: "acme", events: 1, users: 1 }],
      roles: [],
    };
    expect(summarise({ ...base, blastRadius: radius })).toContain("— 1 user in 1 tenant (acme);");
  });

  it("falls back to events, the culprit and the fallback owner", () => {
    const text = summarise({
      ...base,
      title: "Something odd happened",
      frame: null,
      blastRadius: { events: 3, users: 0, tenants: 0, topTenants: [], roles: [] },
      owner: { owner: "#triage", source: "fallback", rule: null },
    });
    expect(text).toBe(
      "Something odd happened in applyCoupon(app/checkout/cart) — 3 events; owner #triage (fallback)",
    );
  });

  it("says so when there are no events", () => {
    const text = summarise({
      ...base,
      culprit: null,
      frame: null,
      blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
    });
    expect(text).toBe("TypeError — no events yet; owner #payments via path:src/checkout/**");
  });
});
