import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYSER_VERSION, analyseIssue } from "./analyse-issue";
import { extractIdentity } from "./identity";
import { normaliseStack } from "./normalise-stack";
import { parseOwnershipRules } from "./ownership-rules";
import { claimConfidence, SUMMARY_CLAIM_PARAMS, summaryConfidence } from "./summary-confidence";
import type { AnalysisEvent, AnalysisInput, Frame, RawEvent } from "./types";

type WebhookError = {
  title: string;
  culprit: string;
  level: string;
  platform: string;
  message: string;
  tags: [string, string][];
  user: Record<string, unknown>;
  request: { url: string };
  exception: {
    values: {
      type: string;
      value: string;
      stacktrace: {
        frames: {
          filename: string;
          abs_path: string;
          function: string | null;
          module: string;
          lineno: number;
          in_app: boolean;
        }[];
      };
    }[];
  };
};

const issue = {
  title: "TypeError: x is undefined",
  culprit: "cart.ts",
  level: "error",
  platform: "javascript",
};

const frame = (filename: string, fn: string, inApp = true): Frame => ({
  filename,
  function: fn,
  module: null,
  lineNo: 1,
  inApp,
});

const analysisEvent = (overrides: Partial<AnalysisEvent>): AnalysisEvent => ({
  userId: null,
  tenantId: null,
  roles: [],
  tags: {},
  url: null,
  frames: [],
  ...overrides,
});

const input = (overrides: Partial<AnalysisInput>): AnalysisInput => ({
  issue,
  events: [],
  rules: [],
  fallbackOwner: "#triage",
  ...overrides,
});

describe("analyseIssue", () => {
  it("uses the fallback owner and empty evidence when there are no events", () => {
    const result = analyseIssue(input({ rules: parseOwnershipRules("path:* #everyone") }));
    expect(result).toEqual({
      analyserVersion: ANALYSER_VERSION,
      summary:
        "TypeError (null or undefined access) in cart.ts. No events yet. Owner #triage (fallback: no ownership rule matched). Next: find why the value is missing in cart.ts.",
      owner: { owner: "#triage", source: "fallback", rule: null, share: null, backedBy: [] },
      blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
      inAppFrames: [],
      // No event: the category is read from Sentry's "Type: value" title.
      category: {
        category: "null_access",
        reason: 'message "x is undefined"',
        evidence: ['message "x is undefined"'],
      },
      priority: null,
      // A category from message words is the only claim: no rule's owner, no incident looked up.
      summaryFacts: {
        confidence: summaryConfidence([{ confidence: SUMMARY_CLAIM_PARAMS.category.message }]),
        claims: [
          {
            kind: "category",
            claim: "category null_access",
            basis: "a rule matched on the message",
            confidence: SUMMARY_CLAIM_PARAMS.category.message,
            factor: "category.message",
          },
        ],
        nextStep: "find why the value is missing in cart.ts",
        deterministic:
          "TypeError (null or undefined access) in cart.ts. No events yet. Owner #triage (fallback: no ownership rule matched). Next: find why the value is missing in cart.ts.",
        rephrasedBy: null,
      },
    });
  });

  it("summarises the suspects and incident it is given, with the product of its claims' confidences", () => {
    const result = analyseIssue(
      input({
        events: [
          analysisEvent({ exceptionType: "PG::ConnectionBad", frames: [frame("app/db.rb", "connect")] }),
        ],
        rules: parseOwnershipRules("path:app/* #core"),
        suspects: { release: "api@2.3.1", commits: [] },
        incident: {
          id: 3,
          issueCount: 4,
          role: "root",
          rootIssueId: "1",
          rootLabel: "API-1",
          rootTitle: null,
          rootConfidence: 0.8,
        },
      }),
    );
    expect(result.summary).toContain("in app/db.rb (connect), since release api@2.3.1.");
    expect(result.summary).toContain("It is the likely root of incident #3, which groups 4 issues");
    const { claims } = result.summaryFacts;
    expect(claims.map((c) => [c.kind, c.factor, c.confidence])).toEqual([
      ["category", "category.type", SUMMARY_CLAIM_PARAMS.category.type],
      ["incident", "incident.member", SUMMARY_CLAIM_PARAMS.incident.member],
      ["root", "root", claimConfidence("root", 0.8)],
      ["owner", "owner.rule", SUMMARY_CLAIM_PARAMS.owner.rule],
    ]);
    expect(result.summaryFacts.confidence).toBe(summaryConfidence(claims));
    expect(result.summaryFacts.nextStep).toBe(
      "check the database's health (connections, locks, slow or failed queries)",
    );
  });

  it("categorises by the newest event's exception, message and frames", () => {
    const newest = analysisEvent({
      exceptionType: "ChunkLoadError",
      exceptionValue: "Loading chunk 42 failed",
    });
    const older = analysisEvent({ exceptionType: "TypeError", exceptionValue: "Failed to fetch" });
    expect(analyseIssue(input({ events: [newest, older] })).category).toMatchObject({
      category: "asset_load",
      reason: 'exception type "ChunkLoadError"',
    });
    const message = analysisEvent({ message: "Request failed with status code 429" });
    expect(analyseIssue(input({ events: [message] })).category.category).toBe("rate_limit");
  });

  it("prioritises with the whole history's users and tenants and the recent events' flags", () => {
    const now = new Date("2026-11-05T12:30:00Z");
    const identities = Array.from({ length: 120 }, (_, i) => ({
      userId: `u${i}`,
      tenantId: `t${i % 12}`,
      roles: [],
      events: 2,
    }));
    const result = analyseIssue(
      input({
        events: [analysisEvent({ handled: false, environment: "production" })],
        identities,
        impact: {
          now,
          firstSeen: new Date("2026-11-05T09:00:00Z"),
          hourly: [{ hour: new Date("2026-11-05T12:00:00Z"), events: 240 }],
          activeTenants: 24,
          activeTenantsHit: 12,
          tieredTenantsHit: [{ tenantId: "t3", tier: "enterprise" }],
        },
      }),
    );
    expect(result.priority?.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        "120 users affected",
        "12 of 24 active tenants hit (50%)",
        "1 enterprise tenant hit (t3)",
        "unhandled in 1 of 1 recent event",
      ]),
    );
    expect(result.priority?.tier).toBe("P0");
  });

  it("weighs the owner over all events, frames from the newest and the blast radius from all", () => {
    const newest = analysisEvent({
      userId: "u1",
      tenantId: "acme",
      frames: [frame("node_modules/lib.js", "call", false), frame("src/checkout/cart.ts", "applyCoupon")],
    });
    const older = analysisEvent({
      userId: "u2",
      tenantId: "globex",
      frames: [frame("src/search/query.ts", "search")],
    });
    const result = analyseIssue(
      input({
        events: [newest, older],
        rules: parseOwnershipRules("path:src/search/* #search\npath:src/checkout/* #payments"),
      }),
    );
    // Each rule matched one of the two events: the tie goes to Sentry's order, the last rule.
    expect(result.owner).toEqual({
      owner: "#payments",
      source: "ownership_rule",
      rule: "path:src/checkout/* #payments",
      share: { matched: 1, of: 2 },
      backedBy: [],
    });
    expect(result.inAppFrames).toEqual([frame("src/checkout/cart.ts", "applyCoupon")]);
    expect(result.blastRadius).toMatchObject({ events: 2, users: 2, tenants: 2 });
    expect(result.summary).toBe(
      "TypeError in checkout/cart.ts (applyCoupon). It hit 2 users in 2 tenants (acme, globex). Owner #payments via path:src/checkout/* (matched 1 of 2 events). Next: open checkout/cart.ts (applyCoupon) where it throws.",
    );
  });

  it("puts a triager's owner correction above every rule", () => {
    const result = analyseIssue(
      input({
        events: [analysisEvent({ frames: [frame("src/checkout/cart.ts", "applyCoupon")] })],
        rules: parseOwnershipRules("path:src/checkout/* #payments"),
        ownerCorrection: { owner: "#storefront", by: "bob" },
      }),
    );
    expect(result.owner).toMatchObject({ owner: "#storefront", source: "correction", correctedBy: "bob" });
    expect(result.summary).toContain("Owner #storefront (set by bob).");
  });

  it("puts a triager's category and priority corrections above Sift's, keeping what Sift found", () => {
    const impact = {
      now: new Date("2026-11-05T12:30:00Z"),
      firstSeen: new Date("2026-11-05T12:00:00Z"),
      hourly: [],
      activeTenants: 0,
      activeTenantsHit: 0,
      tieredTenantsHit: [],
    };
    const events = [analysisEvent({ exceptionType: "TypeError", exceptionValue: "x.map is not a function" })];
    const found = analyseIssue(input({ events, impact }));
    expect(found.category.category).toBe("type_error");
    expect(found.priority?.tier).not.toBe("P0");

    const corrected = analyseIssue(
      input({
        events,
        impact,
        categoryCorrection: { category: "database", by: "bob" },
        priorityCorrection: { tier: "P0", by: "bob" },
      }),
    );
    expect(corrected.category).toEqual({
      category: "database",
      reason: `set by bob; Sift found type error because of ${found.category.reason}`,
      correctedBy: "bob",
    });
    expect(corrected.summary).toContain("(database)");
    // The tier is the triager's; the score and its reasons stay Sift's (weighing the corrected
    // category), to compare.
    const tierOnly = analyseIssue(input({ events, impact, priorityCorrection: { tier: "P0", by: "bob" } }));
    expect(tierOnly.priority).toEqual({ ...found.priority, tier: "P0", correctedBy: "bob" });
    expect(corrected.priority).toMatchObject({ tier: "P0", correctedBy: "bob" });
    // A correction Sift now agrees with is Sift's own verdict again.
    const agreed = analyseIssue(input({ events, categoryCorrection: { category: "type_error", by: "bob" } }));
    expect(agreed.category).toEqual(found.category);
  });

  it("runs end to end on the error webhook fixture", () => {
    const full = path.resolve(process.cwd(), "../shared/sentry/fixtures/webhooks/webhook-error-created.json");
    const wire: WebhookError = JSON.parse(readFileSync(full, "utf8")).data.error;
    const raw: RawEvent = {
      platform: wire.platform,
      message: wire.message || null,
      exceptions: wire.exception.values.map((v) => ({
        type: v.type,
        value: v.value,
        frames: v.stacktrace.frames.map((f) => ({
          filename: f.filename,
          absPath: f.abs_path,
          function: f.function,
          module: f.module,
          lineNo: f.lineno,
          inApp: f.in_app,
        })),
      })),
      tags: Object.fromEntries(wire.tags),
      user: { ...wire.user, tenant_id: "acme", roles: "admin" },
      requestUrl: wire.request.url,
    };
    const identity = extractIdentity(raw, { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] });
    const event = { ...identity, tags: raw.tags, url: raw.requestUrl, frames: normaliseStack(raw).frames };
    const result = analyseIssue(
      input({
        issue: { title: wire.title, culprit: wire.culprit, level: wire.level, platform: wire.platform },
        events: [event],
        rules: parseOwnershipRules("url:https://*.jsbin.com/* #jsbin\ntags.browser:chrome* #lowercase-never"),
      }),
    );
    expect(result.owner).toEqual({
      owner: "#jsbin",
      source: "ownership_rule",
      rule: "url:https://*.jsbin.com/* #jsbin",
      share: { matched: 1, of: 1 },
      backedBy: [],
    });
    // The only frame is marked not in-app, and the user has no id/username/email, only an IP.
    expect(result.inAppFrames).toEqual([]);
    expect(result.blastRadius).toEqual({
      events: 1,
      users: 0,
      tenants: 1,
      topTenants: [{ tenantId: "acme", events: 1, users: 0 }],
      roles: [],
    });
    expect(result.summary).toBe(
      "ReferenceError in ?(runner). It hit 1 event in 1 tenant (acme). Owner #jsbin via url:https://*.jsbin.com/*. Next: open ?(runner) where it throws.",
    );
  });
});

describe("analyseIssue with identities", () => {
  it("counts the blast radius from identities when given, owner still from the newest event", () => {
    const frame: Frame = {
      filename: "src/checkout/cart.ts",
      function: "applyCoupon",
      module: null,
      lineNo: 3,
      inApp: true,
    };
    const newest: AnalysisEvent = {
      userId: "u1",
      tenantId: "acme",
      roles: [],
      tags: {},
      url: null,
      frames: [frame],
    };
    const result = analyseIssue({
      issue,
      events: [newest],
      identities: [
        { userId: "u1", tenantId: "acme", roles: [], events: 1 },
        { userId: "u2", tenantId: "globex", roles: ["admin"], events: 40_000 },
        { userId: "u3", tenantId: "globex", roles: [], events: 2 },
      ],
      rules: parseOwnershipRules("path:src/checkout/* #payments"),
      fallbackOwner: "#triage",
    });
    expect(result.blastRadius).toMatchObject({ events: 40_003, users: 3, tenants: 2 });
    expect(result.owner.owner).toBe("#payments");
  });
});
