import { describe, expect, it } from "vitest";
import { groupIssues } from "./incident-groups";
import { defaultLinkSettings, linkIssues } from "./incident-links";
import { chooseRoot } from "./incident-root";
import type { IncidentIssueFacts } from "./types";

const T0 = Date.parse("2026-11-01T10:00:00Z");

function facts(id: string, overrides: Partial<IncidentIssueFacts> = {}): IncidentIssueFacts {
  return {
    id,
    projectId: "1",
    platform: "javascript",
    title: `issue ${id}`,
    firstSeen: T0,
    releases: [],
    tenants: [],
    traces: [],
    moments: [],
    ...overrides,
  };
}

const traces = (ids: string[], at: number) => ids.map((traceId, i) => ({ traceId, firstAt: at + i * 1000 }));

describe("linkIssues", () => {
  it("links issues sharing two traces even far apart in time, with the offset of b after a", () => {
    const api = facts("10", { platform: "python", traces: traces(["t1", "t2"], T0) });
    const web = facts("20", { firstSeen: T0 + 3_600_000, traces: traces(["t1", "t2"], T0 + 250) });
    const [link] = linkIssues(web, [api]);
    expect(link).toMatchObject({ a: "10", b: "20", strength: 1 });
    expect(link?.evidence[0]).toEqual({
      kind: "trace",
      sharedTraces: 2,
      exampleTraceIds: ["t1", "t2"],
      medianOffsetSeconds: 0.25,
    });
  });

  it("needs the burst window for a single shared trace", () => {
    const a = facts("1", { traces: traces(["t1"], T0) });
    expect(linkIssues(facts("2", { traces: traces(["t1"], T0), firstSeen: T0 + 300_000 }), [a])).toHaveLength(
      1,
    );
    expect(linkIssues(facts("2", { traces: traces(["t1"], T0), firstSeen: T0 + 3_600_000 }), [a])).toEqual(
      [],
    );
  });

  it("links a corroborated burst on a new release or on a largely shared tenant set, not on two shared tenants", () => {
    // Each shares one moment with a: the same user within seconds, once (twice would link alone).
    const once = (at: number) => ({ moments: [{ user: "u1", at }] });
    const a = facts("1", { releases: ["api@2.0"], tenants: ["acme", "globex", "initech"], ...once(T0) });
    const sameRelease = facts("2", { releases: ["api@2.0"], firstSeen: T0 + 60_000, ...once(T0 + 800) });
    const sameTenants = facts("3", {
      tenants: ["acme", "globex", "initech", "umbrella"],
      firstSeen: T0 - 60_000,
      ...once(T0 + 1_200),
    });
    const twoTenants = facts("4", { tenants: ["acme", "globex"], firstSeen: T0, ...once(T0) });
    const late = facts("5", { releases: ["api@2.0"], firstSeen: T0 + 3_600_000, ...once(T0) });
    const links = linkIssues(a, [sameRelease, sameTenants, twoTenants, late]);
    expect(links.map((l) => [l.b, l.evidence.map((e) => e.kind)])).toEqual([
      ["2", ["release", "users"]],
      ["3", ["tenants", "users"]],
    ]);
    // Weighted by rarity among these five issues: acme and globex (in three) count less than initech.
    expect(links[1]?.evidence[0]).toMatchObject({
      sharedTenants: 3,
      jaccard: 0.58,
      firstSeenGapSeconds: -60,
    });
    expect(links[1]).toMatchObject({ strength: 0.5 });
    expect(links[1]?.evidence[1]).toEqual({ kind: "users", coOccurrences: 1, withinSeconds: 5 });
  });

  it("does not link a burst on a tenant set or release alone, nor a single co-occurrence alone", () => {
    // What an unrelated issue around the same big customers looks like: the tenants overlap, the
    // first events are minutes apart, but no trace or user ties one failure to the other.
    const tenants = ["acme", "globex", "initech"];
    const a = facts("1", { releases: ["api@2.0"], tenants, moments: [{ user: "u1", at: T0 }] });
    const sameTenants = facts("2", { tenants, firstSeen: T0 + 120_000, moments: [{ user: "u7", at: T0 }] });
    const sameRelease = facts("3", { releases: ["api@2.0"], firstSeen: T0 + 60_000 });
    const userOnce = facts("4", { firstSeen: T0 + 60_000, moments: [{ user: "u1", at: T0 + 900 }] });
    expect(linkIssues(a, [sameTenants, sameRelease, userOnce])).toEqual([]);
    // The measure of what the rule changed: without corroboration the bursts link as before.
    const before = linkIssues(a, [sameTenants, sameRelease, userOnce], {
      ...defaultLinkSettings,
      burstNeedsCorroboration: false,
    });
    expect(before.map((l) => [l.b, l.evidence.map((e) => e.kind)])).toEqual([
      ["2", ["tenants"]],
      ["3", ["release"]],
    ]);
  });

  it("takes a shared trace as corroboration of a burst", () => {
    const a = facts("1", { tenants: ["acme", "globex", "initech"], traces: traces(["t1"], T0) });
    const b = facts("2", {
      tenants: ["acme", "globex", "initech"],
      firstSeen: T0 + 30_000,
      traces: traces(["t1"], T0 + 300),
    });
    const [link] = linkIssues(a, [b]);
    expect(link?.evidence.map((e) => e.kind)).toEqual(["trace", "tenants"]);
  });

  it("does not link on the big customers every issue around has", () => {
    const big = ["acme", "globex", "initech"];
    const a = facts("1", { tenants: [...big, "a-only"] });
    const b = facts("2", { tenants: [...big, "b-only"] });
    const crowd = Array.from({ length: 6 }, (_, i) => facts(`9${i}`, { tenants: [...big, `other-${i}`] }));
    expect(linkIssues(a, [b, ...crowd]).filter((l) => l.b === "2")).toEqual([]);
  });
});

describe("linkIssues without traces", () => {
  it("links issues the same users hit within seconds, twice or more", () => {
    const api = facts("1", {
      moments: [
        { user: "u1", at: T0 },
        { user: "u2", at: T0 + 60_000 },
      ],
    });
    const app = facts("2", {
      firstSeen: T0 + 7_200_000,
      moments: [
        { user: "u1", at: T0 + 900 },
        { user: "u2", at: T0 + 62_000 },
      ],
    });
    expect(linkIssues(app, [api])[0]?.evidence).toEqual([
      { kind: "users", coOccurrences: 2, withinSeconds: 5 },
    ]);
    const once = facts("3", {
      moments: [
        { user: "u1", at: T0 + 900 },
        { user: "u9", at: T0 + 62_000 },
      ],
    });
    const late = facts("4", {
      moments: [
        { user: "u1", at: T0 + 9_000 },
        { user: "u2", at: T0 + 70_000 },
      ],
    });
    expect(linkIssues(api, [once, late])).toEqual([]);
  });
});

describe("groupIssues", () => {
  const link = (a: string, b: string, strength = 1) => ({ a, b, strength, evidence: [] });

  it("returns connected groups of two or more, lone issues left out", () => {
    expect(groupIssues(["1", "2", "3", "4", "5"], [link("1", "2"), link("2", "3"), link("4", "9")])).toEqual([
      ["1", "2", "3"],
      ["4", "9"],
    ]);
  });

  it("keeps a split apart however the evidence grows, preferring the stronger link", () => {
    // 1–2 kept apart; 3 links to both, more strongly to 2: it joins 2, and 1 stays alone.
    const groups = groupIssues(
      ["1", "2", "3"],
      [link("1", "3", 0.5), link("2", "3", 1)],
      [{ a: "1", b: "2" }],
    );
    expect(groups).toEqual([["2", "3"]]);
  });
});

describe("chooseRoot", () => {
  const api = facts("10", { platform: "python", firstSeen: T0, traces: traces(["t1", "t2", "t3"], T0) });
  const web = facts("20", {
    platform: "javascript",
    firstSeen: T0 + 400,
    traces: traces(["t1", "t2", "t3"], T0 + 400),
  });
  const ios = facts("30", { platform: "cocoa", firstSeen: T0 + 900, traces: traces(["t2"], T0 + 1_900) });

  it("names the server issue first in the shared traces, with each reason", () => {
    const verdict = chooseRoot([web, ios, api]);
    expect(verdict.issueId).toBe("10");
    expect(verdict.reasons).toEqual([
      "first error in 3 of 3 shared traces",
      "server side (python)",
      "first seen 400 ms before the next issue",
    ]);
    expect(verdict.confidence).toBeGreaterThan(0.9);
    expect(verdict.pinned).toBe(false);
  });

  it("is unsure when nothing tells the issues apart, and follows a pinned root", () => {
    const a = facts("1", { firstSeen: T0 });
    const b = facts("2", { firstSeen: T0 });
    const verdict = chooseRoot([a, b]);
    expect(verdict.confidence).toBe(0.5);
    expect(chooseRoot([web, api], { pinned: "20" })).toMatchObject({
      issueId: "20",
      pinned: true,
      confidence: 1,
    });
  });

  it("ignores a pinned root that is no longer a member", () => {
    expect(chooseRoot([web, api], { pinned: "99" }).issueId).toBe("10");
  });
});
