import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { jobs } from "../schema";
import { insertAnalysis } from "./analyses";
import { upsertIssue } from "./issues";
import { ANALYSE_ISSUE_JOB, claimJobs, enqueueJob } from "./jobs";
import { upsertProject } from "./projects";
import { queueReanalysisOfStaleIssues } from "./stale-analyses";

// An hour ago, whole seconds: the queued jobs are due, and their times compare exactly.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describeOnEachDatabase("re-analysis after an analyser upgrade", (db) => {
  const analysed = (issueId: string, analyserVersion: string) =>
    insertAnalysis(db(), {
      issueId,
      analyserVersion,
      summary: "s",
      owner: { owner: "#triage", source: "fallback", rule: null },
      blastRadius: { events: 1, users: 0, tenants: 0, topTenants: [], roles: [] },
      inAppFrames: [],
    });
  const issue = (id: string, lastSeenDaysAgo: number, status: "unresolved" | "resolved" = "unresolved") =>
    upsertIssue(db(), {
      id,
      projectId: "1",
      title: `Issue ${id}`,
      firstSeen: daysAgo(30),
      lastSeen: daysAgo(lastSeenDaysAgo),
      status,
    });
  const queued = () =>
    db()
      .select({ subjectId: jobs.subjectId, runAfter: jobs.runAfter })
      .from(jobs)
      .where(eq(jobs.status, "queued"))
      .orderBy(asc(jobs.runAfter));

  it("queues the recent open issues whose newest analysis an older analyser made, newest first, spread", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await issue("1", 3); // stale: v4
    await analysed("1", "4");
    await issue("2", 1); // stale, seen more recently
    await analysed("2", "3");
    await analysed("2", "4");
    await issue("3", 2); // an older analysis was stale, the newest is current
    await analysed("3", "4");
    await analysed("3", "5");
    await issue("4", 0.5, "resolved"); // resolved: its next event reopens and re-analyses it
    await analysed("4", "4");
    await issue("5", 20); // quiet for longer than the window
    await analysed("5", "4");
    await issue("6", 1); // never analysed: not this query's concern
    await issue("7", 4); // stale, but a job is already queued for it
    await analysed("7", "4");
    await enqueueJob(db(), ANALYSE_ISSUE_JOB, "7", { runAfter: daysAgo(1) });

    const options = { analyserVersion: "5", seenWithinDays: 14, perSecond: 5, limit: 10, now: NOW };
    // At most `limit`, the most recently seen first.
    expect(await queueReanalysisOfStaleIssues(db(), { ...options, limit: 1 })).toBe(1);
    expect((await queued()).map((r) => r.subjectId)).toEqual(["7", "2"]);
    expect(await queueReanalysisOfStaleIssues(db(), options)).toBe(1);
    const rows = await queued();
    expect(rows.map((r) => r.subjectId)).toEqual(["7", "2", "1"]);
    expect(rows[1]?.runAfter.getTime()).toBe(NOW.getTime());
    // Issue 2, already queued, is skipped; issue 1 is the second of the stale ones.
    expect(rows[2]?.runAfter.getTime()).toBe(NOW.getTime() + 200);
    // A second worker starting queues nothing more.
    expect(await queueReanalysisOfStaleIssues(db(), options)).toBe(0);
  });

  it("finds nothing once the re-analyses have run", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await issue("1", 1);
    await analysed("1", "4");
    const options = { analyserVersion: "5", seenWithinDays: 14, perSecond: 5, limit: 10, now: NOW };
    expect(await queueReanalysisOfStaleIssues(db(), options)).toBe(1);
    const claimed = await claimJobs(db(), { limit: 10, leaseSeconds: 60 });
    expect(claimed.map((j) => j.subjectId)).toEqual(["1"]);
    await analysed("1", "5");
    expect(await queueReanalysisOfStaleIssues(db(), options)).toBe(0);
  });
});
