import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { insertEvent } from "@/lib/db/queries/events";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { analyses, events, issues, jobs, syncState } from "@/lib/db/schema";
import { reconcileJob, runReconcileJob } from "@/lib/ingest/reconcile-job";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { createSentryApiClient } from "@/lib/sentry/api-client";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { buildJobKinds, type WorkerSettings } from "./job-kinds";

const fixture = (name: string) => JSON.parse(readFileSync(`${fixturesDir}/api-examples/${name}`, "utf8"));
const token = "sift-test-token";
const org = "acme";
const now = Date.now();
const ago = (minutes: number) => new Date(now - minutes * 60_000);

// Real API shapes (get-issue.json, get-issue-event.json) with ids and times of this scenario:
// 7001 is new to Sift; 7002 is known but Sentry has seen it since (its webhook events stopped an
// hour ago); 7003 is known and unchanged.
const apiIssue = (id: string, lastSeen: Date, title: string) => ({
  ...fixture("get-issue.json"),
  id,
  shortId: `PUMP-${id}`,
  title,
  firstSeen: ago(600).toISOString(),
  lastSeen: lastSeen.toISOString(),
});
const apiEvent = (eventId: string, at: Date) => ({
  ...fixture("get-issue-event.json"),
  eventID: eventId,
  dateCreated: at.toISOString(),
});
const sentryIssues = [
  apiIssue("7001", ago(10), "New issue webhooks missed"),
  apiIssue("7002", ago(5), "Known issue, still spreading"),
  apiIssue("7003", ago(120), "Known issue, quiet"),
];
const latest = {
  "7001": apiEvent("a".repeat(32), ago(10)),
  "7002": apiEvent("b".repeat(32), ago(5)),
  "7003": apiEvent("c".repeat(32), ago(120)),
};

const apiOf = (s: WorkerSettings) => {
  if (!s.sentryApi) throw new Error("no Sentry API client");
  return s.sentryApi;
};

describeOnEachDatabase("reconciling with Sentry's issue list", (db) => {
  let sentry: SentryApiServer;
  beforeAll(async () => {
    sentry = await startSentryApiServer({ token, org, events: latest, issues: sentryIssues });
  });
  afterAll(() => sentry?.close());
  const settings = (server: SentryApiServer = sentry): WorkerSettings => ({
    rules: [],
    fallbackOwner: "#triage",
    identity: { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] },
    sentryApi: createSentryApiClient({ baseUrl: server.url, token, org }),
    poll: { intervalSeconds: 300, lookbackHours: 24 },
  });

  const scheduleReconcile = async (s: WorkerSettings) =>
    reconcileJob({ api: s.sentryApi, poll: s.poll }).onWorkerStart?.(db());

  beforeEach(async () => {
    sentry.requests.length = 0;
    await upsertProject(db(), { id: "2", slug: "pump-station", name: "Pump Station", platform: "python" });
    for (const [id, lastSeen] of [
      ["7002", ago(60)],
      ["7003", ago(120)],
    ] as const) {
      await upsertIssue(db(), {
        id,
        projectId: "2",
        title: `Old title ${id}`,
        firstSeen: ago(600),
        lastSeen,
      });
      await insertEvent(db(), {
        id: id.padStart(32, "0"),
        issueId: id,
        projectId: "2",
        occurredAt: lastSeen,
        userId: "u1",
        tags: {},
        frames: [],
      });
    }
  });

  it("stores what webhooks missed, analyses new and spreading issues with their latest event, and queues the next poll", async () => {
    await scheduleReconcile(settings());
    expect(await runDueJobs(db(), buildJobKinds(settings()))).toBe(1);
    expect(sentry.requests.map((r) => r.path)).toEqual(["/api/0/organizations/acme/issues/"]);

    const stored = await db().select().from(issues).orderBy(issues.id);
    expect(stored.map((i) => [i.id, i.title])).toEqual([
      ["7001", "New issue webhooks missed"],
      ["7002", "Known issue, still spreading"],
      ["7003", "Known issue, quiet"],
    ]);
    const queued = await db().select().from(jobs).where(eq(jobs.status, "queued"));
    expect(
      queued
        .filter((j) => j.kind === "analyse_issue")
        .map((j) => j.subjectId)
        .sort(),
    ).toEqual(["7001", "7002"]);
    const next = queued.find((j) => j.kind === "reconcile");
    expect(Math.abs((next?.runAfter.getTime() ?? 0) - (Date.now() + 300_000))).toBeLessThan(10_000);
    expect(await db().select().from(syncState)).toHaveLength(1);

    // The analyses read each issue's latest event: 7001 had none, 7002's were an hour behind.
    expect(await runDueJobs(db(), buildJobKinds(settings()))).toBe(2);
    expect(
      sentry.requests
        .slice(1)
        .map((r) => r.path)
        .sort(),
    ).toEqual([
      "/api/0/organizations/acme/issues/7001/events/latest/",
      "/api/0/organizations/acme/issues/7002/events/latest/",
      // The fetched event names a release: its commits are read once for the suspects.
      "/api/0/organizations/acme/releases/b65bc521378269d3eaefdc964f8ef56621414943/commits/",
    ]);
    expect(await db().$count(events, eq(events.issueId, "7001"))).toBe(1);
    expect(await db().$count(events, eq(events.issueId, "7002"))).toBe(2);
    expect(await db().$count(analyses)).toBe(2);
  });

  it("asks only for what was seen since the last poll (with overlap), and finds nothing new twice", async () => {
    const first = await runReconcileJob(
      db(),
      apiOf(settings()),
      { intervalSeconds: 300, lookbackHours: 24 },
      new Date(now),
    );
    expect(first).toEqual({ seen: 3, changed: 2, skipped: 0, capped: false });
    const firstSince = new URLSearchParams(sentry.requests[0]?.query).get("query");
    expect(firstSince).toBe(`lastSeen:>${new Date(now - 24 * 3_600_000 - 5 * 60_000).toISOString()}`);

    const later = new Date(now + 301_000);
    const second = await runReconcileJob(
      db(),
      apiOf(settings()),
      { intervalSeconds: 300, lookbackHours: 24 },
      later,
    );
    expect(new URLSearchParams(sentry.requests[1]?.query).get("query")).toBe(
      `lastSeen:>${new Date(now - 5 * 60_000).toISOString()}`,
    );
    // 7001 (10 min ago) is before the window; 7002 (5 min ago) is inside but unchanged.
    expect(second.changed).toBe(0);
  });

  it("waits for Sentry's rate-limit reset, keeping one queued poll", async () => {
    const limited = await startSentryApiServer({
      token,
      org,
      events: latest,
      issues: sentryIssues,
      rateLimitOnce: true,
      rateLimitResetSeconds: 900,
    });
    try {
      await scheduleReconcile(settings(limited));
      await runDueJobs(db(), buildJobKinds(settings(limited)));
      const queued = await db()
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, "reconcile"), eq(jobs.status, "queued")));
      expect(queued).toHaveLength(1);
      expect(
        Math.abs((queued[0]?.runAfter.getTime() ?? 0) - (limited.rateLimitReset ?? 0) * 1000),
      ).toBeLessThan(1000);
      expect(await db().$count(issues)).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it("does nothing without polling configured", async () => {
    await scheduleReconcile({ ...settings(), poll: undefined });
    expect(await db().$count(jobs)).toBe(0);
  });
});
