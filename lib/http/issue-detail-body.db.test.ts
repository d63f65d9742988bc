import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { issueDetailResponse } from "@/lib/contracts/issues";
import { insertAlertTrigger } from "@/lib/db/queries/alert-triggers";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { upsertComment } from "@/lib/db/queries/comments";
import { getIssueDetail } from "@/lib/db/queries/issue-detail";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertMetricAlert } from "@/lib/db/queries/metric-alerts";
import { savePostmortem } from "@/lib/db/queries/postmortems";
import { upsertProject } from "@/lib/db/queries/projects";
import { mergeSeerRun } from "@/lib/db/queries/seer-runs";
import { replaceSimilarIssues } from "@/lib/db/queries/similar-issues";
import { replaceIssueDocument } from "@/lib/db/queries/similarity-index";
import { preparePostmortem } from "@/lib/postmortems/prepare-postmortem";
import { describeOnEachDatabase } from "@/test/databases";
import { toIssueDetailBody } from "./issue-bodies";

const seen = new Date("2026-11-01T00:00:00Z");

describeOnEachDatabase("GET /api/issues/{id} body with Sentry's side of the issue", (db) => {
  const body = async () => {
    const detail = await getIssueDetail(db(), "42");
    if (!detail) throw new Error("issue 42 not found");
    // The contract is what clients rely on: the body must parse exactly.
    return issueDetailResponse.parse(toIssueDetailBody(detail));
  };

  it("has an empty state for every Sentry section of an issue known only from events", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await upsertIssue(db(), { id: "42", projectId: "1", title: "Boom", firstSeen: seen, lastSeen: seen });
    expect(await body()).toMatchObject({
      issue: { status: "unresolved", substatus: null, assignee: null },
      comments: [],
      seerRuns: [],
      metricAlerts: [],
      alertRules: [],
      similar: [],
      similarIndexedAt: null,
      likelyDuplicateOf: null,
    });
  });

  it("carries status, assignee, comments (own marked), Seer, metric alerts and rules fired", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await upsertIssue(db(), {
      id: "42",
      projectId: "1",
      title: "Boom",
      firstSeen: seen,
      lastSeen: seen,
      status: "ignored",
      substatus: "archived_until_escalating",
      statusSeenAt: seen,
      statusRank: 2,
      assigneeType: "team",
      assigneeId: "9",
      assigneeName: "backend",
      assigneeSeenAt: seen,
      assigneeRank: 2,
    });
    const comment = { issueId: "42", rank: 0, createdAt: seen, authorType: "user", authorId: "1" };
    await upsertComment(db(), { ...comment, commentId: "2", text: "looking", authorName: "colleen" });
    await upsertComment(db(), { ...comment, commentId: "3", text: "owner: #backend", own: true });
    await upsertComment(db(), { ...comment, commentId: "4", text: null, rank: 2, deletedAt: seen });
    await mergeSeerRun(db(), {
      runId: "7",
      issueId: "42",
      stage: "root_cause",
      status: "completed",
      rootCause: { description: "null user", steps: [] },
      solution: null,
      changes: null,
      pullRequests: [{ url: "https://github.com/o/r/pull/1", number: 1, repo: "r", provider: "github" }],
      updatedAt: seen,
    });
    await upsertMetricAlert(db(), {
      id: "5",
      title: "Too many errors",
      status: "critical",
      statusRank: 2,
      projects: ["web", "api"],
      updatedAt: seen,
    });
    await upsertMetricAlert(db(), {
      id: "6",
      title: "Other",
      status: "open",
      statusRank: 0,
      projects: ["api"],
      updatedAt: seen,
    });
    await insertAlertTrigger(db(), { issueId: "42", eventId: "e1", ruleName: "Page me", triggeredAt: seen });
    await insertAlertTrigger(db(), {
      issueId: "42",
      eventId: "e2",
      ruleName: "Page me",
      triggeredAt: new Date(seen.getTime() + 1000),
    });
    const detail = await body();
    expect(detail.issue).toMatchObject({
      status: "ignored",
      substatus: "archived_until_escalating",
      assignee: { type: "team", id: "9", name: "backend" },
    });
    expect(detail.comments.map((c) => [c.id, c.own])).toEqual([
      ["2", false],
      ["3", true],
    ]);
    expect(detail.seerRuns[0]).toMatchObject({
      rootCause: { description: "null user" },
      stages: { root_cause: "completed" },
    });
    expect(detail.metricAlerts.map((a) => a.id)).toEqual(["5"]);
    expect(detail.alertRules).toEqual([
      { ruleName: "Page me", triggers: 2, lastTriggeredAt: "2026-11-01T00:00:01.000Z", lastEventId: "e2" },
    ]);
  });

  it("lists similar issues with why and resolution, and names the open one this open issue duplicates", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await upsertProject(db(), { id: "2", slug: "api", name: "API", platform: "node" });
    await upsertIssue(db(), { id: "42", projectId: "1", title: "Boom", firstSeen: seen, lastSeen: seen });
    await upsertIssue(db(), {
      id: "7",
      projectId: "2",
      title: "Boom in api",
      firstSeen: seen,
      lastSeen: seen,
    });
    const resolvedAt = new Date("2026-10-01T00:00:00Z");
    await upsertIssue(db(), {
      id: "5",
      projectId: "2",
      title: "Old boom",
      firstSeen: seen,
      lastSeen: seen,
      status: "resolved",
    });
    await db().execute(
      sql`update issues set resolved_at = ${resolvedAt.toISOString()}, resolved_in_release = 'api@9' where id = '5'`,
    );
    await upsertComment(db(), {
      commentId: "1",
      issueId: "5",
      text: "bumped the pool size",
      rank: 0,
      createdAt: seen,
    });
    const why = { sharedFrames: ["app.js.boom"], exception: true, messageWords: ["boom"] };
    await replaceIssueDocument(db(), "42", {
      projectId: "1",
      stack: new Map([["f:app.js.boom", 1]]),
      title: new Map(),
      frames: ["app.js.boom"],
      spread: 0,
    });
    await replaceSimilarIssues(
      db(),
      "42",
      {
        forward: [
          { issueId: "42", similarId: "7", score: 0.9995, why, duplicate: true },
          { issueId: "42", similarId: "5", score: 0.7, why, duplicate: false },
        ],
        reverse: [],
      },
      10,
    );
    const detail = await body();
    expect(detail.similarIndexedAt).toEqual(expect.any(String));
    expect(detail.likelyDuplicateOf).toEqual({ issueId: "7", title: "Boom in api", score: 0.9995 });
    expect(detail.similar).toEqual([
      {
        issueId: "7",
        title: "Boom in api",
        projectId: "2",
        projectSlug: "api",
        status: "unresolved",
        score: 0.9995,
        why,
        resolution: { status: "unresolved" },
      },
      {
        issueId: "5",
        title: "Old boom",
        projectId: "2",
        projectSlug: "api",
        status: "resolved",
        score: 0.7,
        why,
        resolution: {
          status: "resolved",
          resolvedAt: resolvedAt.toISOString(),
          note: "bumped the pool size",
          release: "api@9",
        },
      },
    ]);
    expect(detail.issue.likelyDuplicateOfId).toBe("7");
  });

  it("shows the post-mortems like the issue with why, and the one that names a resolved similar issue", async () => {
    await upsertProject(db(), { id: "1", slug: "scheduler-go", name: "Scheduler", platform: "go" });
    await upsertIssue(db(), {
      id: "42",
      projectId: "1",
      title: "*pq.Error: pq: cannot cast jsonb null to type integer",
      firstSeen: seen,
      lastSeen: seen,
    });
    await upsertIssue(db(), {
      id: "5",
      projectId: "1",
      shortId: "SCHEDULER-GO-2",
      title: "Old cast",
      firstSeen: seen,
      lastSeen: seen,
      status: "resolved",
    });
    await db().execute(sql`
      insert into events (id, issue_id, project_id, occurred_at, exception_type, exception_value, tags, frames)
      values ('e1', '42', '1', ${seen.toISOString()}, '*pq.Error', 'pq: cannot cast jsonb null to type integer', '{}',
        ${JSON.stringify([{ filename: "/my_app/main.go", function: "background.func2", module: "main", lineNo: 94, inApp: true }])}::jsonb)`);
    const save = (markdown: string, source: string) =>
      savePostmortem(db(), preparePostmortem(markdown, { fallbackTitle: source, source }), null);
    const { postmortem: cron } = await save(
      "# Nightly run skipped accounts\n\n- Date: 2026-10-02\n\nscheduler-go failed with `*pq.Error` in `background.func2` (`main.go`), first as SCHEDULER-GO-2.",
      "cron.md",
    );
    await save(
      "# Checkout crashed\n\n`ZeroDivisionError` in `tax_proration.rb` on checkout-rails.",
      "checkout.md",
    );
    await replaceSimilarIssues(
      db(),
      "42",
      {
        forward: [
          {
            issueId: "42",
            similarId: "5",
            score: 0.8,
            why: { sharedFrames: [], exception: true, messageWords: [] },
            duplicate: false,
          },
        ],
        reverse: [],
      },
      10,
    );
    const detail = await body();
    expect(detail.similarPostmortems).toEqual([
      {
        id: cron.id,
        title: "Nightly run skipped accounts",
        occurredOn: "2026-10-02",
        createdAt: expect.any(String),
        score: expect.any(Number),
        why: expect.objectContaining({
          exceptions: ["*pq.Error"],
          functions: ["background.func2"],
          files: ["main.go"],
          services: ["scheduler-go"],
        }),
      },
    ]);
    expect(detail.similarPostmortems[0]?.score).toBeGreaterThan(0.3);
    expect(detail.similar[0]?.resolution).toEqual({
      status: "resolved",
      resolvedAt: expect.any(String),
      postmortem: { id: cron.id, title: "Nightly run skipped accounts" },
    });
  });
  it("names the past issues backing a learned owner by short id and title, in the model's order", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await upsertIssue(db(), { id: "42", projectId: "1", title: "Boom", firstSeen: seen, lastSeen: seen });
    await upsertIssue(db(), {
      id: "9",
      projectId: "1",
      shortId: "WEB-9",
      title: "Old boom",
      status: "resolved",
      firstSeen: seen,
      lastSeen: seen,
    });
    await upsertIssue(db(), {
      id: "8",
      projectId: "1",
      title: "Older boom",
      firstSeen: seen,
      lastSeen: seen,
    });
    await insertAnalysis(db(), {
      issueId: "42",
      analyserVersion: "5",
      summary: "s",
      // "404" is not stored (deleted since): it has no reference to give.
      owner: { owner: "#web", source: "learned", rule: null, share: null, backedBy: ["9", "404", "8"] },
      blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
      inAppFrames: [],
    });
    expect((await body()).ownerBacking).toEqual([
      { issueId: "9", shortId: "WEB-9", title: "Old boom" },
      { issueId: "8", shortId: null, title: "Older boom" },
    ]);
  });
});
