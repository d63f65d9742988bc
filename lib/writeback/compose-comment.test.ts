import { describe, expect, it } from "vitest";
import type { BlastRadius } from "@/lib/analysis/types";
import { composeComment } from "./compose-comment";

const radius: BlastRadius = {
  events: 340,
  users: 12,
  tenants: 3,
  topTenants: [
    { tenantId: "acme", events: 200, users: 8 },
    { tenantId: "globex", events: 100, users: 3 },
    { tenantId: "initech", events: 40, users: 1 },
  ],
  roles: [
    { role: "admin", users: 3 },
    { role: "viewer", users: 9 },
  ],
};

const input = {
  summary: "TypeError in checkout/cart.ts (applyCoupon) — 12 users in 3 tenants",
  owner: { owner: "#payments", source: "ownership_rule" as const, rule: "path:src/checkout/** #payments" },
  blastRadius: radius,
  siftIssueUrl: "https://sift.example.com/issues/1234",
};

describe("composeComment", () => {
  it("gives the summary, the owner with its rule, the blast radius and a link back to Sift", () => {
    expect(composeComment(input)).toBe(
      [
        "**Sift triage:** TypeError in checkout/cart.ts \\(applyCoupon\\) — 12 users in 3 tenants",
        "",
        "**Owner:** \\#payments, by the ownership rule `path:src/checkout/** #payments`",
        "",
        "**Blast radius:** 12 users · 340 events · 3 tenants",
        "- Tenants: acme (8 users), globex (3 users), initech (1 user)",
        "- Roles: admin (3 users), viewer (9 users)",
        "",
        "[Open in Sift](https://sift.example.com/issues/1234)",
      ].join("\n"),
    );
  });

  it("says when the owner is only the fallback triage team", () => {
    const text = composeComment({ ...input, owner: { owner: "#triage", source: "fallback", rule: null } });
    expect(text).toContain("**Owner:** \\#triage (no ownership rule matched: the triage team)");
  });

  it("is the same text for the same analysis and a different one when the analysis changes", () => {
    expect(composeComment(structuredClone(input))).toBe(composeComment(input));
    const grown = { ...input, blastRadius: { ...radius, users: 13 } };
    expect(composeComment(grown)).not.toBe(composeComment(input));
  });

  it("keeps text from events from becoming links, headings or mentions of markup", () => {
    const text = composeComment({
      ...input,
      summary: "[click](https://evil.example) # heading\n\n**bold**",
      blastRadius: { ...radius, topTenants: [{ tenantId: "<img src=x>", events: 1, users: 1 }] },
    });
    expect(text).toContain(
      "**Sift triage:** \\[click\\]\\(https://evil.example\\) \\# heading \\*\\*bold\\*\\*\n",
    );
    expect(text).toContain("- Tenants: \\<img src=x\\> (1 user), …");
  });

  it("fences a rule containing backticks with a longer run", () => {
    const text = composeComment({
      ...input,
      owner: { owner: "#payments", source: "ownership_rule", rule: "tags.x:`a` #payments" },
    });
    expect(text).toContain("rule ``tags.x:`a` #payments``");
  });

  it("says when no events have arrived yet", () => {
    const empty = { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] };
    expect(composeComment({ ...input, blastRadius: empty })).toContain(
      "**Blast radius:** no events received yet",
    );
  });
});
