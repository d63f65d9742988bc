import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { analyses, events, jobs } from "@/lib/db/schema";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { createSentryApiClient } from "@/lib/sentry/api-client";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { buildJobKinds, type WorkerSettings } from "./job-kinds";

const fixture = (name: string) => JSON.parse(readFileSync(`${fixturesDir}/${name}`, "utf8"));
const issueCreated = fixture("webhooks/webhook-issue-created.json");
const issueId: string = issueCreated.data.issue.id;
const token = "sift-test-token";
const org = "acme";

// The real API example marks no frame in-app (both are Sentry SDK / reflux frames), so the copy
// served here marks the crash frame in-app, and puts a tenant under a non-default user.data key
// to prove the worker reads identities with the configured keys.
const latestEvent = fixture("api-examples/get-issue-event.json");
latestEvent.entries[0].data.values[0].stacktrace.frames[1].inApp = true;
latestEvent.user.data.workspace = "hellboy-meowmeow";

// The event's release, with one commit that changed the in-app frame's file three hours before the
// issue was first seen (2019-08-19T20:58:37Z), as Sentry serves them.
const release: string = latestEvent.release.version;
const [commitExample] = fixture("api-examples/list-release-commits.json");
const suspectSha = "f".repeat(40);
const releases = {
  [release]: {
    commits: [
      {
        ...commitExample,
        id: suspectSha,
        message: "Bump reflux-core",
        dateCreated: "2019-08-19T17:58:37Z",
        repository: { id: "1", name: "getsentry/getsentry", dateCreated: "2018-01-01T00:00:00Z" },
        author: { name: "Ada", email: "ada@example.com" },
      },
    ],
    files: [
      {
        id: "1",
        orgId: 1,
        author: {},
        commitMessage: "Bump reflux-core",
        filename: "src/sentry/node_modules/reflux-core/lib/PublisherMethods.js",
        type: "M",
        repoName: "getsentry/getsentry",
      },
    ],
  },
};

const ingestOptions = {
  tenantKeys: ["workspace"],
  rolesKeys: ["roles"],
  appId: null,
  receivedAt: new Date(),
};
const settings = (sentryApi: WorkerSettings["sentryApi"]): WorkerSettings => ({
  rules: parseOwnershipRules("path:*/reflux-core/** #state-team"),
  fallbackOwner: "#triage",
  identity: { tenantKeys: ["workspace"], rolesKeys: ["roles"] },
  sentryApi,
});
const clientFor = (server: SentryApiServer) => createSentryApiClient({ baseUrl: server.url, token, org });

describeOnEachDatabase("analyse-issue job reading Sentry's API", (db) => {
  let sentry: SentryApiServer;
  beforeAll(async () => {
    sentry = await startSentryApiServer({ token, org, events: { [issueId]: latestEvent }, releases });
  });
  afterAll(() => sentry?.close());
  beforeEach(async () => {
    sentry.requests.length = 0;
    const payload = structuredClone(issueCreated);
    await ingestAndStore(
      db(),
      { resource: "issue", requestId: null, rawBody: JSON.stringify(payload), payload },
      ingestOptions,
    );
  });

  it("fetches the latest event of an issue.created issue, stores it like a webhook event, analyses it", async () => {
    expect(await db().$count(events)).toBe(0);
    expect(await runDueJobs(db(), buildJobKinds(settings(clientFor(sentry))))).toBe(1);
    const get = (path: string) => ({ method: "GET", path, auth: `Bearer ${token}`, query: "" });
    expect(sentry.requests).toEqual([
      get(`/api/0/organizations/${org}/issues/${issueId}/events/latest/`),
      get(`/api/0/organizations/${org}/releases/${release}/commits/`),
      get(`/api/0/organizations/${org}/releases/${release}/commitfiles/`),
    ]);
    expect(sentry.mismatches).toEqual([]);
    const [event] = await db().select().from(events);
    expect(event).toMatchObject({
      id: "9999aaaaca8b46d797c23c6077c6ff01",
      issueId,
      exceptionType: "ForbiddenError",
      userId: "550747",
      tenantId: "hellboy-meowmeow",
      environment: "prod",
      traceId: "da6caabcd90e45fdb81f6655824a5f88",
    });
    expect(event?.frames.map((f) => f.inApp)).toEqual([false, true]);
    const [analysis] = await db().select().from(analyses);
    expect(analysis?.inAppFrames).toEqual([
      {
        filename: "/usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods.js",
        function: "apply",
        module: "usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods",
        lineNo: 74,
        inApp: true,
      },
    ]);
    expect(analysis?.owner).toMatchObject({ owner: "#state-team", source: "ownership_rule" });
    expect(analysis?.suspects).toEqual({
      release,
      commits: [
        {
          sha: suspectSha,
          repo: "getsentry/getsentry",
          message: "Bump reflux-core",
          author: "Ada <ada@example.com>",
          committedAt: "2019-08-19T17:58:37.000Z",
          why: [
            "touched src/sentry/node_modules/reflux-core/lib/PublisherMethods.js (top in-app frame, line 74)",
            "3 h before first seen",
            `in release ${release}`,
          ],
          score: expect.closeTo(0.5 + 0.5 * 2 ** (-3 / 72), 3),
        },
      ],
    });
    expect(analysis?.blastRadius).toMatchObject({ events: 1, users: 1, tenants: 1 });
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(1);
  });

  it("does not call Sentry when a webhook already stored an event of the issue", async () => {
    const error = fixture("webhooks/webhook-error-created.json");
    await ingestAndStore(
      db(),
      { resource: "error", requestId: null, rawBody: JSON.stringify(error), payload: error },
      ingestOptions,
    );
    await runDueJobs(db(), buildJobKinds(settings(clientFor(sentry))));
    expect(sentry.requests).toEqual([]);
    const [analysis] = await db().select().from(analyses);
    expect(analysis?.blastRadius.events).toBe(1);
    expect(await db().$count(events)).toBe(1);
  });

  it("analyses with no events when Sentry does not know the issue (404)", async () => {
    const empty = await startSentryApiServer({ token, org, events: {} });
    try {
      await runDueJobs(db(), buildJobKinds(settings(clientFor(empty))));
      expect(empty.requests).toHaveLength(1);
    } finally {
      await empty.close();
    }
    const [analysis] = await db().select().from(analyses);
    expect(analysis).toMatchObject({ inAppFrames: [], blastRadius: { events: 0 } });
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(1);
  });

  it("without a Sentry API client, analyses what webhooks brought: nothing", async () => {
    await runDueJobs(db(), buildJobKinds(settings(null)));
    const [analysis] = await db().select().from(analyses);
    expect(analysis).toMatchObject({
      inAppFrames: [],
      owner: { owner: "#triage" },
      blastRadius: { events: 0 },
    });
    expect(await db().$count(events)).toBe(0);
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(1);
  });

  it("a rate limit defers the job to X-Sentry-Rate-Limit-Reset without spending an attempt", async () => {
    const limited = await startSentryApiServer({
      token,
      org,
      events: { [issueId]: latestEvent },
      rateLimitOnce: true,
      rateLimitResetSeconds: 120,
    });
    const onError = vi.fn();
    try {
      const kinds = buildJobKinds(settings(clientFor(limited)));
      expect(await runDueJobs(db(), kinds, { onError })).toBe(1);
      expect(await db().$count(analyses)).toBe(0);
      const [job] = await db().select().from(jobs);
      expect(job).toMatchObject({ status: "queued", attempts: 0 });
      expect(Math.abs((job?.runAfter.getTime() ?? 0) - (limited.rateLimitReset ?? 0) * 1000)).toBeLessThan(
        1000,
      );
      expect(await runDueJobs(db(), kinds, { onError })).toBe(0); // not due before the reset
      await db().update(jobs).set({ runAfter: sql`now()` });
      expect(await runDueJobs(db(), kinds, { onError })).toBe(1);
      // The 429, then the latest event and the release's commits (a release it does not know).
      expect(limited.requests).toHaveLength(3);
    } finally {
      await limited.close();
    }
    expect(onError).not.toHaveBeenCalled();
    expect(await db().$count(analyses)).toBe(1);
    expect(await db().$count(events)).toBe(1);
  });

  it("a failure reporter that throws does not keep a failed job from its retry", async () => {
    await enqueueJob(db(), "analyse_issue", "404404404");
    const onError = vi.fn(() => {
      throw new TypeError("reporter is broken");
    });
    await runDueJobs(db(), buildJobKinds(settings(null)), { onError });
    expect(onError).toHaveBeenCalledTimes(1);
    const [failed] = await db().select().from(jobs).where(eq(jobs.subjectId, "404404404"));
    expect(failed).toMatchObject({
      status: "queued",
      attempts: 1,
      lastError: "issue 404404404 does not exist",
    });
  });
});
