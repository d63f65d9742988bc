import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { ANALYSE_ISSUE_JOB } from "@/lib/db/queries/jobs";
import { WRITEBACK_JOB } from "@/lib/db/queries/writebacks";
import { analyses, issues, jobs, writebacks } from "@/lib/db/schema";
import { REANALYSE_STALE_JOB } from "@/lib/enrichment/reanalyse-stale-job";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { createSentryApiClient } from "@/lib/sentry/api-client";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { buildJobKinds, type WorkerSettings } from "./job-kinds";

// From a webhook to Sentry and back: an error arrives, is analysed, and its analysis is written
// back as a comment and an assignment; the webhooks Sentry then sends about Sift's own writes are
// recorded and cause nothing.

const fixture = (name: string) => JSON.parse(readFileSync(`${fixturesDir}/webhooks/${name}`, "utf8"));
const appId = "sift-app-uuid";
const token = "sift-test-token";
const org = "acme";
const issueId = "1170820242";
const ingestOptions = { tenantKeys: ["tenant_id"], rolesKeys: ["roles"], appId, receivedAt: new Date() };

function delivery(resource: string, payload: unknown) {
  return {
    resource,
    requestId: crypto.randomUUID().replaceAll("-", ""),
    rawBody: JSON.stringify(payload),
    payload,
  };
}

describeOnEachDatabase("analysis written back to Sentry", (db) => {
  let sentry: SentryApiServer;
  beforeAll(async () => {
    sentry = await startSentryApiServer({
      token,
      org,
      events: {},
      teams: [{ id: "55", slug: "web-platform" }],
    });
  });
  afterAll(() => sentry?.close());
  beforeEach(() => {
    sentry.requests.length = 0;
    sentry.comments.clear();
    sentry.assignees.clear();
  });
  afterEach(() => {
    expect(sentry.mismatches).toEqual([]);
  });

  const settings = (defaultMode: "off" | "comment" | "assign"): WorkerSettings => ({
    rules: parseOwnershipRules("tags.browser.name:Chrome #web-platform"),
    fallbackOwner: "#triage",
    identity: { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] },
    sentryApi: createSentryApiClient({ baseUrl: sentry.url, token, org }),
    writeback: { defaultMode, publicUrl: "https://sift.example.com", maxAttempts: 5, editAfterSeconds: 0 },
  });
  const writes = () => sentry.requests.filter((r) => r.method !== "GET");

  it("comments and assigns after the analysis; webhooks of Sift's own writes cause no further write", async () => {
    await ingestAndStore(db(), delivery("error", fixture("webhook-error-created.json")), ingestOptions);
    const kinds = buildJobKinds(settings("assign"));
    expect(await runDueJobs(db(), kinds)).toBe(1); // the analysis, which queues the write-back
    expect(await db().$count(jobs, eq(jobs.kind, WRITEBACK_JOB))).toBe(1);
    // the write-back, the incident grouping and the similar-issue indexing
    expect(await runDueJobs(db(), kinds)).toBe(3);
    expect(writes().map((r) => [r.method, r.body])).toEqual([
      ["POST", { text: expect.stringContaining("#web-platform") }],
      ["PUT", { assignedTo: "team:55" }],
    ]);
    const [note] = sentry.comments.get(issueId) ?? [];

    const own = { type: "application", id: appId, name: "Sift" };
    const commented = fixture("webhook-comment-created.json");
    Object.assign(commented, { actor: own });
    Object.assign(commented.data, {
      comment_id: Number(note?.id),
      issue_id: Number(issueId),
      comment: note?.text,
    });
    const assigned = fixture("webhook-issue-created.json");
    Object.assign(assigned, { action: "assigned", actor: own });
    assigned.data.issue.assignedTo = { type: "team", id: "55", name: "web-platform" };
    assigned.data.assignee = { type: "team", id: "55", name: "web-platform" };
    expect(await ingestAndStore(db(), delivery("comment", commented), ingestOptions)).toMatchObject({
      outcome: "ignored",
    });
    expect(await ingestAndStore(db(), delivery("issue", assigned), ingestOptions)).toMatchObject({
      outcome: "ignored",
    });
    expect(await runDueJobs(db(), kinds)).toBe(0);
    expect(writes()).toHaveLength(2);
  });

  it("an issue someone assigned in Sentry (mirrored from its webhook) gets a comment, never Sift's assignment", async () => {
    const created = fixture("webhook-issue-created.json");
    created.data.issue.assignedTo = { type: "user", id: "7", name: "Ann", email: "ann@example.com" };
    await ingestAndStore(db(), delivery("issue", created), ingestOptions);
    await ingestAndStore(db(), delivery("error", fixture("webhook-error-created.json")), ingestOptions);
    const kinds = buildJobKinds(settings("assign"));
    await runDueJobs(db(), kinds);
    await runDueJobs(db(), kinds);
    expect(writes().map((r) => r.method)).toEqual(["POST"]);
    expect(sentry.requests.some((r) => r.path.endsWith(`/issues/${issueId}/`))).toBe(false);
    const [state] = await db().select().from(writebacks);
    expect(state).toMatchObject({ assignment: "left" });
  });

  it("after an upgrade, the re-analysis a starting worker queues edits Sift's comment in place and assigns nothing more", async () => {
    await ingestAndStore(db(), delivery("error", fixture("webhook-error-created.json")), ingestOptions);
    const before = buildJobKinds(settings("assign"));
    await runDueJobs(db(), before);
    await runDueJobs(db(), before);
    expect(writes().map((r) => r.method)).toEqual(["POST", "PUT"]);
    // As if an older analyser made it (and the issue is still firing), and the new one names
    // another owner: here a rule that changed, standing in for the analyser's new verdict.
    await db().update(analyses).set({ analyserVersion: "0" });
    await db().update(issues).set({ lastSeen: new Date() });
    const upgraded = buildJobKinds({
      ...settings("assign"),
      rules: parseOwnershipRules("tags.browser.name:Chrome #frontend"),
      reanalyseOnUpgradeDays: 14,
    });
    const workerStarts = () => upgraded.get(REANALYSE_STALE_JOB)?.onWorkerStart?.(db());
    await workerStarts();
    expect(await runDueJobs(db(), upgraded)).toBe(1); // the round, which queues the re-analysis
    expect(await db().$count(jobs, eq(jobs.kind, ANALYSE_ISSUE_JOB))).toBe(2);
    expect(await runDueJobs(db(), upgraded)).toBe(1); // the re-analysis
    expect(await runDueJobs(db(), upgraded)).toBe(3); // its write-back, grouping and indexing
    const after = writes().slice(2);
    expect(after.map((r) => [r.method, r.path.replace(/\d+\/$/, "{id}/")])).toEqual([
      ["PUT", expect.stringMatching(/\/comments\/\{id\}\/$/)],
    ]);
    expect(sentry.comments.get(issueId)).toHaveLength(1);
    expect(sentry.comments.get(issueId)?.[0]?.text).toContain("#frontend");
    // Started again, the worker finds nothing stale.
    await workerStarts();
    expect(await runDueJobs(db(), upgraded)).toBe(1);
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(0);
  });

  it("with write-back off, the analysis queues nothing and nothing is written", async () => {
    await ingestAndStore(db(), delivery("error", fixture("webhook-error-created.json")), ingestOptions);
    const kinds = buildJobKinds(settings("off"));
    expect(await runDueJobs(db(), kinds)).toBe(1);
    expect(await db().$count(jobs, eq(jobs.kind, WRITEBACK_JOB))).toBe(0);
    expect(sentry.requests).toEqual([]);
  });
});
