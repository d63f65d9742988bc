import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OwnerVerdict } from "@/lib/analysis/types";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { upsertIssue } from "@/lib/db/queries/issues";
import { enqueueJob, listJobs, requeueJob } from "@/lib/db/queries/jobs";
import { setProjectWriteback, upsertProject } from "@/lib/db/queries/projects";
import { leaseWriteback, WRITEBACK_JOB } from "@/lib/db/queries/writebacks";
import { jobs, type WritebackMode, writebacks } from "@/lib/db/schema";
import { createJobRegistry } from "@/lib/jobs/job-registry";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { createSentryApiClient } from "@/lib/sentry/api-client";
import type { SentryWrites } from "@/lib/sentry/api-writes";
import { describeOnEachDatabase } from "@/test/databases";
import { type Fault, type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { queueWriteback, type WritebackSettings, writebackJob } from "./writeback-job";

const token = "sift-test-token";
const org = "acme";
const issueId = "7001";
const payments: OwnerVerdict = {
  owner: "#payments",
  source: "ownership_rule",
  rule: "path:src/pay/** #payments",
};
const radius = (users: number) => ({
  events: users * 2,
  users,
  tenants: 1,
  topTenants: [{ tenantId: "acme", events: users * 2, users }],
  roles: [],
});
// More teams than one page holds, so the team is found on a later page.
const teams = [
  { id: "100", slug: "frontend" },
  { id: "101", slug: "payments" },
  { id: "102", slug: "triage" },
];

describeOnEachDatabase("write-back to Sentry", (db) => {
  let sentry: SentryApiServer;
  beforeAll(async () => {
    sentry = await startSentryApiServer({ token, org, events: {}, teams, pageSize: 2 });
  });
  afterAll(() => sentry?.close());
  afterEach(() => {
    expect(sentry.mismatches).toEqual([]);
  });
  beforeEach(async () => {
    sentry.requests.length = 0;
    sentry.comments.clear();
    sentry.assignees.clear();
    await upsertProject(db(), { id: "2", slug: "pump-station", name: "Pump Station", platform: "python" });
    await upsertIssue(db(), {
      id: issueId,
      projectId: "2",
      title: "TypeError: boom",
      firstSeen: new Date(),
      lastSeen: new Date(),
    });
    await analyse({ users: 3 });
  });

  async function analyse({ users, owner = payments }: { users: number; owner?: OwnerVerdict }) {
    await insertAnalysis(db(), {
      issueId,
      analyserVersion: "test",
      summary: `TypeError in src/pay/charge.ts — ${users} users`,
      owner,
      blastRadius: radius(users),
      inAppFrames: [],
    });
  }

  const api = () => createSentryApiClient({ baseUrl: sentry.url, token, org, timeoutMs: 300 });
  const settings = (overrides: Partial<WritebackSettings> = {}): WritebackSettings => ({
    clientFor: async () => api(),
    defaultMode: "assign",
    publicUrl: "https://sift.example.com/",
    maxAttempts: 5,
    editAfterSeconds: 0,
    ...overrides,
  });
  const registry = (s: WritebackSettings = settings()) => createJobRegistry([writebackJob(s)]);
  const writeJob = async () => (await db().select().from(jobs).where(eq(jobs.kind, WRITEBACK_JOB)))[0];
  const state = async () => (await db().select().from(writebacks))[0];
  const notes = () => sentry.comments.get(issueId) ?? [];
  const calls = (method: string, path: RegExp) =>
    sentry.requests.filter((r) => r.method === method && path.test(r.path));

  /** Runs the queued write-back, skipping backoff waits, until nothing is left to run. */
  async function settle(s: WritebackSettings = settings(), maxRuns = 8) {
    for (let run = 0; run < maxRuns; run++) {
      await db().update(jobs).set({ runAfter: sql`now()` }).where(eq(jobs.status, "queued"));
      if ((await runDueJobs(db(), registry(s))) === 0) return;
    }
  }

  async function writeBack(s: WritebackSettings = settings()) {
    await enqueueJob(db(), WRITEBACK_JOB, issueId);
    await settle(s);
  }

  it("posts one markdown comment with the analysis and a link back to Sift, then edits it in place", async () => {
    await writeBack(settings({ defaultMode: "comment" }));
    expect(notes()).toHaveLength(1);
    expect(notes()[0]?.text).toContain("**Sift triage:** TypeError in src/pay/charge.ts — 3 users");
    expect(notes()[0]?.text).toContain("by the ownership rule `path:src/pay/** #payments`");
    expect(notes()[0]?.text).toContain("[Open in Sift](https://sift.example.com/issues/7001)");
    expect(calls("POST", /comments\/$/)).toHaveLength(1);

    // Counted from here: on a loaded machine the first post can time out and its retry look the
    // comment up (the crash-safe path), which is not what this step is about.
    const requestsBefore = sentry.requests.length;
    await writeBack(settings({ defaultMode: "comment" }));
    expect(sentry.requests).toHaveLength(requestsBefore); // unchanged analysis: nothing to write

    await analyse({ users: 5 });
    await writeBack(settings({ defaultMode: "comment" }));
    expect(notes()).toHaveLength(1);
    expect(notes()[0]?.text).toContain("— 5 users");
    expect(calls("PUT", /comments\/\d+\/$/)).toHaveLength(1);
    expect(await state()).toMatchObject({ commentId: notes()[0]?.id, pendingHash: null });
    expect((await writeJob())?.status).toBe("done");
  });

  it("assigns the owning team once, found by slug among the organisation's teams (paginated)", async () => {
    await writeBack();
    expect(sentry.assignees.get(issueId)).toEqual({ type: "team", id: "101", name: "payments" });
    const put = calls("PUT", /issues\/7001\/$/);
    expect(put.map((r) => r.body)).toEqual([{ assignedTo: "team:101" }]);
    expect(calls("GET", /teams\/$/).length).toBeGreaterThan(1);
    expect(await state()).toMatchObject({ assignment: "assigned", assignedTeam: "team:101" });

    await analyse({ users: 9 });
    await writeBack();
    expect(calls("PUT", /issues\/7001\/$/)).toHaveLength(1);
  });

  describe.each<Fault["kind"]>(["429", "500", "503", "timeout", "reset"])("a %s", (kind) => {
    it.each<"before" | "after">(["before", "after"])(
      "%s Sentry creates the comment still ends with exactly one comment and one assignment",
      async (when) => {
        sentry.inject({ method: "POST", path: /comments\/$/, kind, when, resetSeconds: 1 });
        sentry.inject({ method: "PUT", path: /issues\/7001\/$/, kind, when, resetSeconds: 1 });
        await writeBack();
        expect(notes()).toHaveLength(1);
        expect(sentry.assignees.get(issueId)).toMatchObject({ type: "team", id: "101" });
        // A PUT that took effect is never repeated: the retry reads the assignee first.
        expect(calls("PUT", /issues\/7001\/$/)).toHaveLength(when === "after" ? 1 : 2);
        expect(await state()).toMatchObject({ commentId: notes()[0]?.id, assignment: "assigned" });
        expect((await writeJob())?.status).toBe("done");
      },
    );
  });

  it("a 429 waits until X-Sentry-Rate-Limit-Reset without spending an attempt", async () => {
    sentry.inject({ method: "POST", path: /comments\/$/, kind: "429", resetSeconds: 120 });
    await enqueueJob(db(), WRITEBACK_JOB, issueId);
    await runDueJobs(db(), registry());
    const job = await writeJob();
    expect(job).toMatchObject({ status: "queued", attempts: 0 });
    expect(Math.abs((job?.runAfter.getTime() ?? 0) - (sentry.rateLimitReset ?? 0) * 1000)).toBeLessThan(1000);
    expect(await runDueJobs(db(), registry())).toBe(0); // not before the reset
  });

  it("a 5xx is retried with backoff: an attempt spent and a later run time", async () => {
    sentry.inject({ method: "POST", path: /comments\/$/, kind: "503" });
    await enqueueJob(db(), WRITEBACK_JOB, issueId);
    await runDueJobs(db(), registry());
    const job = await writeJob();
    expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringMatching(/503/) });
    expect(job?.runAfter.getTime()).toBeGreaterThan(Date.now() + 1000);
  });

  it("a crash between Sentry's 201 and Sift's commit is retried without a second comment", async () => {
    const real = api();
    const crashing: SentryWrites = {
      ...real,
      createComment: async (id, text) => {
        await real.createComment(id, text);
        throw new Error("worker died before committing");
      },
    };
    await enqueueJob(db(), WRITEBACK_JOB, issueId);
    await runDueJobs(db(), registry(settings({ clientFor: async () => crashing })));
    expect(notes()).toHaveLength(1);
    expect(await writeJob()).toMatchObject({ status: "queued", attempts: 1 });
    // By the retry the analysis has changed: the posted comment is found and edited, not posted again.
    await analyse({ users: 8 });
    await settle();
    expect(notes()).toHaveLength(1);
    expect(notes()[0]?.text).toContain("— 8 users");
    expect(calls("POST", /comments\/$/)).toHaveLength(1);
  });

  it("Sentry's 400 for the same text within an hour counts as posted, and the comment's id is recovered", async () => {
    // Sift's record of the comment is gone (e.g. a restored database); Sentry still has it.
    await writeBack(settings({ defaultMode: "comment" }));
    await db().delete(writebacks);
    await writeBack(settings({ defaultMode: "comment" }));
    expect(notes()).toHaveLength(1);
    expect(calls("POST", /comments\/$/)).toHaveLength(2);
    expect(await state()).toMatchObject({ commentId: notes()[0]?.id });
  });

  it("faults on the edit still end with one comment holding the new text", async () => {
    await writeBack(settings({ defaultMode: "comment" }));
    await analyse({ users: 6 });
    sentry.inject({ method: "PUT", path: /comments\/\d+\/$/, kind: "500" });
    sentry.inject({ method: "PUT", path: /comments\/\d+\/$/, kind: "reset", when: "after" });
    sentry.inject({ method: "PUT", path: /comments\/\d+\/$/, kind: "timeout" });
    await writeBack(settings({ defaultMode: "comment" }));
    expect(notes()).toHaveLength(1);
    expect(notes()[0]?.text).toContain("— 6 users");
    expect((await writeJob())?.status).toBe("done");
  });

  it("never assigns over someone's assignment in Sentry, and never tries again", async () => {
    sentry.assignees.set(issueId, { type: "user", id: "7", name: "Ann" });
    await writeBack();
    expect(calls("PUT", /issues\/7001\/$/)).toHaveLength(0);
    expect(await state()).toMatchObject({
      assignment: "left",
      assignmentNote: "already assigned to Ann in Sentry",
    });
    sentry.assignees.delete(issueId);
    await analyse({ users: 4 });
    await writeBack();
    expect(calls("PUT", /issues\/7001\/$/)).toHaveLength(0);
    expect(sentry.assignees.get(issueId)).toBeUndefined();
  });

  it("never assigns when the mirrored assignee says someone else assigned it, without asking Sentry", async () => {
    await upsertIssue(db(), {
      id: issueId,
      projectId: "2",
      title: "TypeError: boom",
      firstSeen: new Date(),
      lastSeen: new Date(),
      assigneeType: "team",
      assigneeId: "100",
      assigneeName: "frontend",
      assigneeSeenAt: new Date(),
      assigneeRank: 1,
    });
    await writeBack();
    expect(calls("GET", /issues\/7001\/$/)).toHaveLength(0);
    expect(calls("PUT", /issues\/7001\/$/)).toHaveLength(0);
    expect(notes()).toHaveLength(1);
    expect(await state()).toMatchObject({ assignment: "left" });
  });

  it("does not assign the fallback triage team (below the confidence threshold), only comments", async () => {
    await analyse({ users: 3, owner: { owner: "#triage", source: "fallback", rule: null } });
    await writeBack();
    expect(notes()).toHaveLength(1);
    expect(sentry.requests.filter((r) => !/comments/.test(r.path))).toEqual([]);
    expect(await state()).toMatchObject({
      assignment: null,
      assignmentNote: expect.stringMatching(/triage/),
    });
  });

  it.each<[WritebackMode, WritebackMode | null, string[]]>([
    ["off", null, []],
    ["comment", null, ["POST comments"]],
    ["assign", null, ["POST comments", "PUT issue"]],
    ["off", "comment", ["POST comments"]],
    ["off", "assign", ["POST comments", "PUT issue"]],
    ["assign", "off", []],
    ["assign", "comment", ["POST comments"]],
  ])("default %s with project override %s writes %j", async (defaultMode, override, expected) => {
    if (override)
      await setProjectWriteback(db(), "2", {
        mode: override,
        changedBy: "alice",
        actor: { sub: "alice", name: "Alice" },
      });
    await queueWriteback(db(), issueId, { defaultMode, editAfterSeconds: 0 });
    expect(await db().$count(jobs)).toBe(expected.length > 0 ? 1 : 0);
    await enqueueJob(db(), WRITEBACK_JOB, issueId); // even a job queued before the mode changed writes nothing
    await settle(settings({ defaultMode }));
    const writes = sentry.requests
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${/comments/.test(r.path) ? "comments" : "issue"}`);
    expect(writes).toEqual(expected);
  });

  it("after N failed attempts the job is dead, listed with its error, and a requeue finishes it", async () => {
    sentry.inject({ method: "POST", path: /comments\/$/, kind: "500", times: 3 });
    await writeBack(settings({ maxAttempts: 3, defaultMode: "comment" }));
    const [dead] = await listJobs(db(), { status: "failed", limit: 10 });
    expect(dead).toMatchObject({ kind: WRITEBACK_JOB, subjectId: issueId, attempts: 3 });
    expect(dead?.lastError).toMatch(/Sentry API answered 500/);
    expect(notes()).toHaveLength(0);

    expect(await requeueJob(db(), dead?.id ?? 0, { sub: "alice", name: "Alice" })).toMatchObject({
      outcome: "requeued",
    });
    expect(await writeJob()).toMatchObject({ status: "queued", attempts: 0 });
    await settle(settings({ maxAttempts: 3, defaultMode: "comment" }));
    expect(notes()).toHaveLength(1);
    expect(await listJobs(db(), { status: "failed", limit: 10 })).toEqual([]);
  });

  it("a second write-back of the same issue waits for the first one's lease, without spending an attempt", async () => {
    await leaseWriteback(db(), issueId, { token: "another-job", leaseSeconds: 30 });
    await enqueueJob(db(), WRITEBACK_JOB, issueId);
    await runDueJobs(db(), registry());
    const job = await writeJob();
    expect(job).toMatchObject({ status: "queued", attempts: 0 });
    expect(job?.runAfter.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(sentry.requests).toEqual([]);
    expect(await db().$count(jobs, and(eq(jobs.kind, WRITEBACK_JOB), eq(jobs.status, "queued")))).toBe(1);
  });
});
