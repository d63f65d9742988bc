import { describe, expect, it } from "vitest";
import { type SummaryInput, summarise } from "./summarise";
import type { IncidentFacts } from "./types";

const base: SummaryInput = {
  title: "TypeError: Cannot read properties of undefined (reading 'code')",
  culprit: "applyCoupon(app/checkout/cart)",
  frame: { filename: "src/checkout/cart.ts", function: "applyCoupon", module: null, lineNo: 42, inApp: true },
  category: { category: "null_access", reason: "message", evidence: ['message "…"'] },
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
  activeTenantShare: 0.25,
  suspects: { release: "web@1.4.0", commits: [] },
  owner: {
    owner: "#payments",
    source: "ownership_rule",
    rule: "path:src/checkout/** #payments dana@acme.io",
  },
};

const symptomOf: IncidentFacts = {
  id: 7,
  issueCount: 5,
  role: "symptom",
  rootIssueId: "12",
  rootLabel: "PAY-12",
  rootTitle: "InFailedSqlTransaction: current transaction is aborted",
  rootConfidence: 0.82,
};

describe("summarise", () => {
  it("says what broke where, since when, who is hurt, the owner and a next step", () => {
    const { text, nextStep } = summarise(base);
    expect(text).toBe(
      "TypeError (null or undefined access) in checkout/cart.ts (applyCoupon), since release web@1.4.0. " +
        "It hit 12 users in 4 tenants (acme, globex, initech, …), 25% of the active tenants. " +
        "Owner #payments via path:src/checkout/**. " +
        "Next: find why the value is missing in checkout/cart.ts (applyCoupon).",
    );
    expect(nextStep).toBe("find why the value is missing in checkout/cart.ts (applyCoupon)");
  });

  it("is deterministic", () => {
    expect(summarise(structuredClone(base))).toEqual(summarise(base));
  });

  it("names the incident and its likely root, and sends a symptom's reader to the root", () => {
    const { text, nextStep } = summarise({ ...base, incident: symptomOf });
    expect(text).toContain(
      'It is part of incident #7 (5 issues), likely caused by PAY-12 "InFailedSqlTransaction: current transaction is aborted" (root confidence 82%).',
    );
    expect(nextStep).toBe("look at the root PAY-12 first");
    const root = summarise({
      ...base,
      category: { category: "database", reason: "", evidence: ['exception type "X"'] },
      incident: { ...symptomOf, role: "root", rootConfidence: 0.9 },
    });
    expect(root.text).toContain(
      "It is the likely root of incident #7, which groups 5 issues (root confidence 90%).",
    );
    expect(root.nextStep).toBe("check the database's health (connections, locks, slow or failed queries)");
  });

  it("says a lone issue is linked to nothing, and nothing when the incident was not looked up", () => {
    expect(summarise({ ...base, incident: null }).text).toContain("No other issue is linked to it yet.");
    expect(summarise(base).text).not.toContain("incident");
    expect(summarise(base).text).not.toContain("linked");
  });

  it("sends the reader to a strong suspect commit with its author", () => {
    const commit = {
      sha: "abc1234def5678",
      repo: "web",
      message: "Apply coupons before tax\n\nlong body",
      author: "Dana Scully <dana@acme.io>",
      committedAt: "2026-11-01T10:00:00Z",
      why: [],
      score: 0.8,
    };
    const strong = summarise({ ...base, suspects: { release: "web@1.4.0", commits: [commit] } });
    expect(strong.nextStep).toBe('check commit abc1234 by Dana Scully ("Apply coupons before tax")');
    const weak = summarise({
      ...base,
      suspects: { release: "web@1.4.0", commits: [{ ...commit, score: 0.2 }] },
    });
    expect(weak.nextStep).toContain("find why the value is missing");
  });

  it("names every tenant when there are few, uses singulars, and leaves out an unknown share", () => {
    const radius = {
      events: 1,
      users: 1,
      tenants: 1,
      topTenants: [{ tenantId: "acme", events: 1, users: 1 }],
      roles: [],
    };
    const { text } = summarise({ ...base, blastRadius: radius, activeTenantShare: null });
    expect(text).toContain(" It hit 1 user in 1 tenant (acme). ");
  });

  it("falls back to events, the culprit, the fallback owner and no category words for other", () => {
    const { text } = summarise({
      ...base,
      title: "Something odd happened",
      frame: null,
      category: { category: "other", reason: "no rule matched" },
      blastRadius: { events: 3, users: 0, tenants: 0, topTenants: [], roles: [] },
      suspects: null,
      owner: { owner: "#triage", source: "fallback", rule: null },
    });
    expect(text).toBe(
      "Something odd happened in applyCoupon(app/checkout/cart). 3 events, no user known. " +
        "Owner #triage (fallback: no ownership rule matched). Next: open applyCoupon(app/checkout/cart) where it throws.",
    );
  });

  it("names the tag or url rule that matched too few events to own the issue", () => {
    const minority = { rule: "tags.tenant_id:umbrella #enterprise-support", share: { matched: 1, of: 4 } };
    const fallback = summarise({
      ...base,
      owner: { owner: "#triage", source: "fallback", rule: null, minority },
    });
    expect(fallback.text).toContain(
      "Owner #triage (fallback: tags.tenant_id:umbrella matched only 1 of 4 events).",
    );
    const learned = summarise({
      ...base,
      owner: { owner: "#database", source: "learned", rule: null, backedBy: ["7"], minority },
    });
    expect(learned.text).toContain(
      "Owner #database, learned from 1 past issue (tags.tenant_id:umbrella matched only 1 of 4 events).",
    );
  });

  it("says so when there are no events", () => {
    const { text } = summarise({
      ...base,
      culprit: null,
      frame: null,
      suspects: null,
      blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
    });
    expect(text).toMatch(/^TypeError \(null or undefined access\)\. No events yet\. Owner #payments/);
  });
});
