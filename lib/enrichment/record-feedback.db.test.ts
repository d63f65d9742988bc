import { desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import type { Frame } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import { getLatestAnalysis } from "@/lib/db/queries/analyses";
import { insertEvent } from "@/lib/db/queries/events";
import { getIssueDetail } from "@/lib/db/queries/issue-detail";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { upsertIssue } from "@/lib/db/queries/issues";
import { ANALYSE_ISSUE_JOB } from "@/lib/db/queries/jobs";
import { upsertProject } from "@/lib/db/queries/projects";
import { analyses, feedback, jobs } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { type AnalysisSettings, runAnalyseIssueJob } from "./analyse-issue-job";
import { createOwnerModelCache } from "./learned-owner-model";
import { recordFeedback } from "./record-feedback";

const bob = { sub: "user-bob", name: "bob" };
const seen = new Date("2026-11-02T10:00:00Z");
const frames = (area: string): Frame[] => [
  { filename: "node_modules/express/router.js", function: "handle", module: null, lineNo: 1, inApp: false },
  { filename: `src/${area}/service.ts`, function: `${area}Load`, module: null, lineNo: 9, inApp: true },
  { filename: `src/${area}/store.ts`, function: `${area}Read`, module: null, lineNo: 3, inApp: true },
];

let eventNo = 0;
async function seedIssue(
  db: Database,
  id: string,
  area: string,
  assignee?: { type: string; id: string; name: string },
  tenants = ["globex", "initech"],
) {
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "node" });
  await upsertIssue(db, {
    id,
    projectId: "1",
    title: `TypeError: ${area} record is undefined`,
    firstSeen: seen,
    lastSeen: seen,
    ...(assignee && {
      assigneeType: assignee.type,
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      assigneeSeenAt: seen,
      assigneeRank: 1,
    }),
  });
  for (const tenant of tenants) {
    eventNo += 1;
    await insertEvent(db, {
      id: eventNo.toString(16).padStart(32, "0"),
      issueId: id,
      projectId: "1",
      occurredAt: new Date(seen.getTime() + eventNo * 1000),
      exceptionType: "TypeError",
      exceptionValue: `${area} record is undefined`,
      tenantId: tenant,
      roles: [],
      tags: { tenant },
      frames: frames(area),
    });
  }
}

const settings = (overrides: Partial<AnalysisSettings> = {}): AnalysisSettings => ({
  rules: parseOwnershipRules("path:src/checkout/* #payments\ntags.tenant:acme #enterprise-support"),
  fallbackOwner: "#triage",
  fetchLatestEvent: null,
  now: () => new Date(seen.getTime() + 3_600_000),
  ...overrides,
});

const ownerOf = async (db: Database, issueId: string) => {
  const [row] = await db
    .select({ owner: analyses.owner })
    .from(analyses)
    .where(eq(analyses.issueId, issueId))
    .orderBy(desc(analyses.version))
    .limit(1);
  return row?.owner;
};

describeOnEachDatabase("feedback on verdicts", (db) => {
  it("stores each confirmation or correction with who, when and what Sift said; the page reads the newest per kind", async () => {
    await seedIssue(db(), "10", "billing");
    await runAnalyseIssueJob(db(), "10", settings());
    const confirmed = await recordFeedback(
      db(),
      "10",
      { kind: "category", verdict: "confirm", value: null },
      bob,
    );
    expect(confirmed).toMatchObject({
      ok: true,
      feedback: {
        kind: "category",
        verdict: "confirm",
        siftSaid: "null_access",
        actor: "user-bob",
        actorName: "bob",
      },
    });
    await recordFeedback(db(), "10", { kind: "category", verdict: "correct", value: "database" }, bob);
    await recordFeedback(
      db(),
      "10",
      { kind: "priority", verdict: "correct", value: "P0" },
      { sub: "u2", name: null },
    );
    expect(await db().$count(feedback)).toBe(3);

    const detail = await getIssueDetail(db(), "10");
    const latest = Object.fromEntries((detail?.feedback ?? []).map((f) => [f.kind, f]));
    expect(Object.keys(latest).sort()).toEqual(["category", "priority"]);
    expect(latest.category).toMatchObject({ verdict: "correct", value: "database", siftSaid: "null_access" });
    expect(latest.priority).toMatchObject({ value: "P0", actor: "u2", actorName: null });
    expect(latest.category?.createdAt).toBeInstanceOf(Date);
  });

  it("refuses what it cannot record: a missing issue, nothing to confirm, an unknown or self duplicate, no incident", async () => {
    await seedIssue(db(), "20", "billing");
    expect(
      await recordFeedback(db(), "99", { kind: "owner", verdict: "confirm", value: null }, bob),
    ).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    // Not analysed yet: Sift has said nothing to confirm.
    expect(
      await recordFeedback(db(), "20", { kind: "owner", verdict: "confirm", value: null }, bob),
    ).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    expect(
      await recordFeedback(db(), "20", { kind: "duplicate_of", verdict: "correct", value: "98" }, bob),
    ).toMatchObject({ ok: false, reason: "not_found" });
    expect(
      await recordFeedback(db(), "20", { kind: "duplicate_of", verdict: "correct", value: "20" }, bob),
    ).toMatchObject({ ok: false, reason: "bad_request" });
    expect(
      await recordFeedback(db(), "20", { kind: "incident_root", verdict: "correct", value: "20" }, bob),
    ).toMatchObject({ ok: false, reason: "conflict" });
    expect(await db().$count(feedback)).toBe(0);
  });

  it("weighs rules over the recent events: a tag rule one tenant matched does not take an issue its path rule owns", async () => {
    await seedIssue(db(), "25", "checkout", undefined, ["globex", "acme"]);
    await runAnalyseIssueJob(db(), "25", settings());
    // Two events, both in src/checkout; the newest came from acme, which the tag rule names.
    expect(await ownerOf(db(), "25")).toMatchObject({
      owner: "#payments",
      source: "ownership_rule",
      share: { matched: 2, of: 2 },
    });
  });

  it("uses an owner correction in the next analysis and learns it without rebuilding the model", async () => {
    const cache = createOwnerModelCache();
    const model = cache.model;
    await seedIssue(db(), "30", "billing");
    await runAnalyseIssueJob(db(), "30", settings({ ownerModel: cache }));
    expect(await ownerOf(db(), "30")).toMatchObject({ owner: "#triage", source: "fallback" });
    expect(model.size).toBe(0);

    const corrected = await recordFeedback(
      db(),
      "30",
      { kind: "owner", verdict: "correct", value: "#billing" },
      bob,
    );
    expect(corrected).toMatchObject({ ok: true, feedback: { value: "#billing", siftSaid: "#triage" } });
    await runAnalyseIssueJob(db(), "30", settings({ ownerModel: cache }));
    expect(await ownerOf(db(), "30")).toMatchObject({
      owner: "#billing",
      source: "correction",
      correctedBy: "bob",
    });
    // The same model object, fed the one new example.
    expect(cache.model).toBe(model);
    expect(model.size).toBe(1);

    // A new issue in the same code: no rule matches, the corrected one backs the learned owner.
    await seedIssue(db(), "31", "billing");
    await runAnalyseIssueJob(db(), "31", settings({ ownerModel: cache }));
    expect(await ownerOf(db(), "31")).toMatchObject({
      owner: "#billing",
      source: "learned",
      backedBy: ["30"],
    });
    expect(model.size).toBe(1);
  });

  it("a correction of the category or tier queues the analysis, which takes it in; the list's tier follows", async () => {
    await seedIssue(db(), "40", "billing");
    await runAnalyseIssueJob(db(), "40", settings());
    const before = await getLatestAnalysis(db(), "40");
    expect(before?.category?.category).not.toBe("database");
    expect(before?.priority?.tier).not.toBe("P3");

    // A confirmation queues nothing; each correction queues the issue's analysis, due now.
    await recordFeedback(db(), "40", { kind: "category", verdict: "confirm", value: null }, bob);
    expect(await db().$count(jobs, eq(jobs.kind, ANALYSE_ISSUE_JOB))).toBe(0);
    await recordFeedback(db(), "40", { kind: "category", verdict: "correct", value: "database" }, bob);
    await recordFeedback(db(), "40", { kind: "priority", verdict: "correct", value: "P3" }, bob);
    const queued = await db().select().from(jobs).where(eq(jobs.kind, ANALYSE_ISSUE_JOB));
    expect(queued).toHaveLength(1);
    expect(queued[0]?.runAfter.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    await runAnalyseIssueJob(db(), "40", settings());
    const after = await getLatestAnalysis(db(), "40");
    expect(after?.category).toMatchObject({ category: "database", correctedBy: "bob" });
    // The tier is the triager's; the score is Sift's (which the corrected category raised).
    expect(after?.priority).toMatchObject({ tier: "P3", correctedBy: "bob" });
    expect(after?.priority?.score).toBeGreaterThan(before?.priority?.score ?? Number.POSITIVE_INFINITY);
    expect(after?.summary).toContain("(database)");
    // The list sorts and filters by the issue's stored tier: the triager's now.
    expect((await getIssueRow(db(), "40"))?.priorityTier).toBe(3);
  });

  it("learns from issues Sentry shows assigned to a team, a triager's word outranking the assignment", async () => {
    await seedIssue(db(), "40", "search", { type: "team", id: "7", name: "search-team" });
    await seedIssue(db(), "41", "search", { type: "user", id: "8", name: "dana" });
    await seedIssue(db(), "42", "search");
    await runAnalyseIssueJob(db(), "42", settings());
    expect(await ownerOf(db(), "42")).toMatchObject({
      owner: "#search-team",
      source: "learned",
      backedBy: ["40"],
    });

    await recordFeedback(db(), "40", { kind: "owner", verdict: "correct", value: "#discovery" }, bob);
    await runAnalyseIssueJob(db(), "42", settings());
    expect(await ownerOf(db(), "42")).toMatchObject({ owner: "#discovery", source: "learned" });
  });
});
