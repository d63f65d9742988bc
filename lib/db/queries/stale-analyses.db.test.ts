import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { minimalAnalysis } from "@/test/minimal-analysis";
import { jobs } from "../schema";
import { insertAnalysis } from "./analyses";
import { upsertIssue } from "./issues";
import { ANALYSE_ISSUE_JOB, claimJobs, completeJob, enqueueJob, failJob } from "./jobs";
import { upsertProject } from "./projects";
import { queueReanalysisOfStaleIssues } from "./stale-analyses";

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const OPTIONS = { analyserVersion: 5, seenWithinDays: 14, limit: 10 };

describeOnEachDatabase("re-analysis after an analyser upgrade", (db) => {
  const analysed = (issueId: string, analyserVersion: string) =>
    insertAnalysis(db(), minimalAnalysis(issueId, analyserVersion));
  const issue = async (
    id: string,
    lastSeenDaysAgo: number,
    status: "unresolved" | "resolved" = "unresolved",
  ) => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await upsertIssue(db(), {
      id,
      projectId: "1",
      title: `Issue ${id}`,
      firstSeen: daysAgo(30),
      lastSeen: daysAgo(lastSeenDaysAgo),
      status,
    });
  };
  const queued = async () =>
    (
      await db()
        .select({ subjectId: jobs.subjectId })
        .from(jobs)
        .where(eq(jobs.status, "queued"))
        .orderBy(asc(jobs.id))
    ).map((r) => r.subjectId);

  it("queues the recent open issues an older analyser analysed, most recently seen first, due now", async () => {
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
    await issue("8", 1); // analysed by a newer version (a rollback): left alone
    await analysed("8", "6");
    await issue("9", 1); // a version that is not a number: left alone
    await analysed("9", "dev");

    expect(await queueReanalysisOfStaleIssues(db(), { ...OPTIONS, limit: 1 })).toBe(1);
    expect(await queued()).toEqual(["2"]);
    expect(await queueReanalysisOfStaleIssues(db(), OPTIONS)).toBe(1);
    expect(await queued()).toEqual(["2", "1"]);
    const [job] = await db().select().from(jobs).where(eq(jobs.subjectId, "1"));
    expect(Math.abs((job?.runAfter.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    // Called again (another worker's round), it queues nothing more.
    expect(await queueReanalysisOfStaleIssues(db(), OPTIONS)).toBe(0);
  });

  it("leaves an issue whose analysis is running, or failed for good since its newest analysis", async () => {
    await issue("1", 1);
    await analysed("1", "4");
    await issue("2", 1);
    await analysed("2", "4");
    await enqueueJob(db(), ANALYSE_ISSUE_JOB, "1");
    await enqueueJob(db(), ANALYSE_ISSUE_JOB, "2");
    const [running, failing] = await claimJobs(db(), { limit: 2, leaseSeconds: 60 });
    if (!running || !failing) throw new Error("two jobs claimed");
    await failJob(db(), failing, "boom", { maxAttempts: 1, retryInSeconds: 1 });
    expect(await queueReanalysisOfStaleIssues(db(), OPTIONS)).toBe(0);
    // Once the running one is done and an analysis stored, neither is stale or queued again.
    await analysed(running.subjectId, "5");
    await completeJob(db(), running.id);
    expect(await queueReanalysisOfStaleIssues(db(), OPTIONS)).toBe(0);
    // A later event's analysis (still by the old version, say) makes the failed one eligible again.
    await analysed(failing.subjectId, "4");
    expect(await queueReanalysisOfStaleIssues(db(), OPTIONS)).toBe(1);
  });
});
