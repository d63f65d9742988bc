import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { listAuditLog } from "@/lib/db/queries/audit-log";
import { ISSUE_ACTION_JOB } from "@/lib/db/queries/issue-actions";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { issueActions, jobs } from "@/lib/db/schema";
import { type IssueActionRequest, requestIssueActions } from "@/lib/enrichment/request-issue-actions";
import { storeIssue } from "@/lib/ingest/store-issue";
import { createJobRegistry } from "@/lib/jobs/job-registry";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { createSentryApiClient } from "@/lib/sentry/api-client";
import type { SentryWrites } from "@/lib/sentry/api-writes";
import { type IssueActionSettings, issueActionJob } from "@/lib/writeback/issue-action-job";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore, ingestOptions } from "@/test/ingest-deliveries";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";

const token = "sift-test-token";
const org = "acme";
const issueId = "7001";
const bob = { sub: "bob", name: "Bob Triager" };
const teams = [
  { id: "100", slug: "frontend" },
  { id: "101", slug: "payments" },
  { id: "102", slug: "triage" },
];

describeOnEachDatabase("a triager's actions written to Sentry", (db) => {
  let sentry: SentryApiServer;
  beforeAll(async () => {
    const at = "2026-01-01T00:00:00Z";
    const issues = [{ id: issueId, firstSeen: at, lastSeen: at }];
    sentry = await startSentryApiServer({ token, org, events: {}, teams, issues, pageSize: 2 });
  });
  afterAll(() => sentry?.close());
  afterEach(() => {
    expect(sentry.mismatches).toEqual([]);
  });
  beforeEach(async () => {
    sentry.requests.length = 0;
    sentry.assignees.clear();
    sentry.workflow.clear();
    await upsertProject(db(), { id: "2", slug: "pump-station", name: "Pump Station", platform: "python" });
    await upsertIssue(db(), {
      id: issueId,
      projectId: "2",
      title: "TypeError: boom",
      firstSeen: new Date("2026-01-01T00:00:00Z"),
      lastSeen: new Date("2026-01-01T00:00:00Z"),
    });
  });

  const api = () => createSentryApiClient({ baseUrl: sentry.url, token, org, timeoutMs: 300 });
  const settings = (overrides: Partial<IssueActionSettings> = {}): IssueActionSettings => ({
    clientFor: async () => api(),
    maxAttempts: 5,
    mirror: (database, issue, as) => storeIssue(database, issue, as),
    ...overrides,
  });
  const registry = (s = settings()) => createJobRegistry([issueActionJob(s)]);
  const ask = (request: IssueActionRequest) =>
    requestIssueActions(db(), { issueIds: [issueId], request, actor: bob });
  const actions = () => db().select().from(issueActions).orderBy(issueActions.id);
  const actionJob = async () =>
    (await db().select().from(jobs).where(eq(jobs.kind, ISSUE_ACTION_JOB)).orderBy(jobs.id)).at(-1);
  const calls = () =>
    sentry.requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/0\/organizations\/acme/, "")}`);
  const puts = () => sentry.requests.filter((r) => r.method === "PUT").map((r) => r.body);

  /** Runs the queued action job, skipping backoff waits, until nothing is left to run. */
  async function settle(s = settings(), maxRuns = 8) {
    for (let run = 0; run < maxRuns; run++) {
      await db().update(jobs).set({ runAfter: sql`now()` }).where(eq(jobs.status, "queued"));
      if ((await runDueJobs(db(), registry(s))) === 0) return;
    }
  }

  /** An issue.* delivery of the issue in the state given, as Sentry sends it; from Sift's own app when `own`. */
  function issueDelivery(action: string, issue: Record<string, unknown>, own: boolean) {
    const payload = JSON.parse(readFileSync(`${fixturesDir}/webhooks/webhook-issue-created.json`, "utf8"));
    payload.action = action;
    payload.data.issue = {
      ...payload.data.issue,
      id: issueId,
      project: { ...payload.data.issue.project, id: "2" },
      firstSeen: "2026-01-01T00:00:00Z",
      lastSeen: "2026-01-01T00:00:00Z",
      ...issue,
    };
    payload.actor = own
      ? { type: "application", id: ingestOptions.appId, name: "Sift" }
      : { type: "user", id: 7, name: "Ann" };
    const rawBody = JSON.stringify(payload);
    return { resource: "issue", requestId: crypto.randomUUID().replaceAll("-", ""), rawBody, payload };
  }

  it("records a resolve at once as pending and audited, then resolves the issue in Sentry with one PUT", async () => {
    const outcome = await ask({ action: "resolve" });
    expect(outcome).toMatchObject({ ok: true, actions: [{ kind: "resolve", status: "pending" }] });
    expect(await actionJob()).toMatchObject({ subjectId: issueId, status: "queued" });
    const [audit] = await listAuditLog(db(), { limit: 5 });
    expect(audit).toMatchObject({
      actorSub: "bob",
      actorName: "Bob Triager",
      action: "issue.resolve",
      targetType: "issue",
      targetId: issueId,
      before: { status: "unresolved", substatus: null, assignee: null },
      after: { status: "resolved", substatus: null, assignee: null },
    });
    expect(sentry.requests).toEqual([]);

    await settle();
    expect(calls()).toEqual([`GET /issues/${issueId}/`, `PUT /issues/${issueId}/`]);
    expect(puts()).toEqual([{ status: "resolved" }]);
    expect(sentry.requests.every((r) => r.auth === `Bearer ${token}`)).toBe(true);
    expect(await actions()).toMatchObject([{ status: "succeeded", note: "written to Sentry" }]);
    expect((await actionJob())?.status).toBe("done");
    // Sentry's answer is mirrored at once, as its webhook would be.
    expect(await getIssueRow(db(), issueId)).toMatchObject({ status: "resolved" });
  });

  it("assigns the team found by slug among the organisation's teams (paginated)", async () => {
    await ask({ action: "assign", team: "payments" });
    await settle();
    expect(puts()).toEqual([{ assignedTo: "team:101" }]);
    expect(sentry.assignees.get(issueId)).toEqual({ type: "team", id: "101", name: "payments" });
    expect(calls().filter((c) => c.endsWith("/teams/")).length).toBeGreaterThan(1);
    expect(await actions()).toMatchObject([{ status: "succeeded", team: "payments", teamId: "101" }]);
    expect(await getIssueRow(db(), issueId)).toMatchObject({ assigneeType: "team", assigneeId: "101" });
  });

  it.each<[IssueActionRequest, unknown]>([
    [
      { action: "archive", until: "escalating" },
      { status: "ignored", substatus: "archived_until_escalating" },
    ],
    [
      { action: "archive", until: "forever" },
      { status: "ignored", substatus: "archived_forever" },
    ],
    [
      { action: "archive", until: { minutes: 90 } },
      { status: "ignored", substatus: "archived_until_condition_met", statusDetails: { ignoreDuration: 90 } },
    ],
  ])("archives %j as Sentry's API describes it", async (request, body) => {
    await ask(request);
    await settle();
    expect(puts()).toEqual([body]);
    expect(sentry.workflow.get(issueId)?.status).toBe("ignored");
    expect(await actions()).toMatchObject([{ status: "succeeded" }]);
  });

  it("a 429 with rate-limit headers waits until the reset without spending an attempt, then writes once", async () => {
    sentry.inject({ method: "PUT", path: /issues\/7001\/$/, kind: "429", resetSeconds: 120 });
    await ask({ action: "resolve" });
    await runDueJobs(db(), registry());
    const job = await actionJob();
    expect(job).toMatchObject({ status: "queued", attempts: 0 });
    expect(Math.abs((job?.runAfter.getTime() ?? 0) - (sentry.rateLimitReset ?? 0) * 1000)).toBeLessThan(1000);
    expect(await runDueJobs(db(), registry())).toBe(0); // not before the reset
    expect(await actions()).toMatchObject([{ status: "pending", note: expect.stringMatching(/rate limit/) }]);

    await settle();
    expect(puts()).toEqual([{ status: "resolved" }, { status: "resolved" }]); // the 429'd one and the real one
    expect(sentry.workflow.get(issueId)?.status).toBe("resolved");
    expect(await actions()).toMatchObject([{ status: "succeeded" }]);
  });

  it("Sentry's echo of Sift's own change settles the action, queues nothing, and no second write follows", async () => {
    // The PUT takes effect, then the worker dies before it records that.
    const real = api();
    const crashing: SentryWrites = {
      ...real,
      updateIssue: async (id, change) => {
        await real.updateIssue(id, change);
        throw new Error("worker died before committing");
      },
    };
    await ask({ action: "resolve" });
    await runDueJobs(db(), registry(settings({ clientFor: async () => crashing })));
    expect(await actions()).toMatchObject([{ status: "pending" }]);
    expect(await actionJob()).toMatchObject({ status: "queued", attempts: 1 });
    const before = sentry.requests.length;

    const echo = issueDelivery("resolved", { status: "resolved", substatus: null }, true);
    expect(await ingestAndStore(db(), echo, ingestOptions)).toMatchObject({ outcome: "ignored" });
    expect(await actions()).toMatchObject([{ status: "succeeded", note: "confirmed by Sentry's webhook" }]);
    expect(await getIssueRow(db(), issueId)).toMatchObject({ status: "resolved" });
    // The echo queued no job of any kind: only the retry of the crashed run is there.
    expect(
      await db().$count(jobs, and(eq(jobs.status, "queued"), sql`${jobs.kind} <> ${ISSUE_ACTION_JOB}`)),
    ).toBe(0);

    await settle();
    expect(sentry.requests.length).toBe(before); // the retry finds nothing pending: not even a GET
    expect(puts()).toHaveLength(1);
    expect((await actionJob())?.status).toBe("done");
  });

  it("someone's change in Sentry after the request wins: nothing is written and the action says why", async () => {
    await ask({ action: "archive", until: "escalating" });
    sentry.workflow.set(issueId, { status: "resolved", substatus: null, statusDetails: {} });
    await settle();
    expect(puts()).toEqual([]);
    expect(await actions()).toMatchObject([{ status: "superseded", note: "resolved in Sentry since" }]);
    // What Sentry showed is mirrored, so a repeated request starts from it.
    expect(await getIssueRow(db(), issueId)).toMatchObject({ status: "resolved" });
  });

  it("a human's later webhook is mirrored over Sift's earlier change (payload order), and the action stays settled", async () => {
    await ask({ action: "resolve" });
    await settle();
    const human = issueDelivery("unresolved", { status: "unresolved", substatus: "ongoing" }, false);
    await ingestAndStore(db(), human, ingestOptions);
    expect(await getIssueRow(db(), issueId)).toMatchObject({ status: "unresolved" });
    expect(await actions()).toMatchObject([{ status: "succeeded" }]);
    expect(puts()).toHaveLength(1);
  });

  it("a newer request replaces a pending one of the same field; a resolve undone before writing writes nothing", async () => {
    await ask({ action: "resolve" });
    await ask({ action: "assign", team: "frontend" });
    await ask({ action: "unresolve" });
    expect((await actions()).map((a) => [a.kind, a.status])).toEqual([
      ["resolve", "superseded"],
      ["assign", "pending"],
      ["unresolve", "pending"],
    ]);
    await settle();
    expect(puts()).toEqual([{ assignedTo: "team:100" }]);
    expect((await actions()).map((a) => a.status)).toEqual(["superseded", "succeeded", "succeeded"]);
  });

  it("an unknown team fails the assignment without a PUT; other actions of the issue still go", async () => {
    await ask({ action: "assign", team: "nobody" });
    await ask({ action: "resolve" });
    await settle();
    expect(puts()).toEqual([{ status: "resolved" }]);
    expect((await actions()).map((a) => [a.status, a.note])).toEqual([
      ["failed", 'no team "nobody" in the Sentry organisation'],
      ["succeeded", "written to Sentry"],
    ]);
  });

  it("5xx answers are retried with backoff, and the last attempt marks the action failed", async () => {
    sentry.inject({ method: "PUT", path: /issues\/7001\/$/, kind: "500", times: 3 });
    await ask({ action: "resolve" });
    await settle(settings({ maxAttempts: 3 }));
    expect(await actionJob()).toMatchObject({ status: "failed", attempts: 3 });
    expect(await actions()).toMatchObject([
      { status: "failed", note: expect.stringMatching(/^gave up after 3 attempts: Sentry API answered 500/) },
    ]);
  });

  it("with no token for the issue's organisation the action fails without a call", async () => {
    await ask({ action: "resolve" });
    await settle(settings({ clientFor: async () => null }));
    expect(sentry.requests).toEqual([]);
    expect(await actions()).toMatchObject([
      { status: "failed", note: expect.stringMatching(/no Sentry token/) },
    ]);
  });
});
