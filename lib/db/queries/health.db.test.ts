import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { jobs } from "../schema";
import { getPipelineHealth } from "./health";
import { claimJobs, enqueueJob, failJob } from "./jobs";
import { advanceSyncedUntil, SENTRY_ISSUES_SYNC } from "./sync-state";

describeOnEachDatabase("pipeline health", (db) => {
  it("reports an idle pipeline that never polled Sentry", async () => {
    expect(await getPipelineHealth(db())).toEqual({
      jobs: { queued: 0, running: 0, failed: 0, oldestDueSeconds: null },
      sentryPoll: { syncedUntil: null },
    });
  });

  it("counts waiting, running and failed work, the oldest due wait, and the poll's progress", async () => {
    for (const id of ["1", "2", "3", "4"]) await enqueueJob(db(), "analyse_issue", id);
    // One job has waited ten minutes; one is scheduled for later and is not yet due.
    await db()
      .update(jobs)
      .set({ runAfter: sql`now() - interval '10 minutes'` })
      .where(sql`subject_id = '1'`);
    await db().update(jobs).set({ runAfter: sql`now() + interval '1 hour'` }).where(sql`subject_id = '4'`);
    const waiting = (await getPipelineHealth(db())).jobs;
    expect(waiting).toMatchObject({ queued: 4, running: 0 });
    expect(Math.abs((waiting.oldestDueSeconds ?? 0) - 600)).toBeLessThan(30);
    const claimed = await claimJobs(db(), { limit: 2, leaseSeconds: 60 });
    expect(claimed.map((j) => j.subjectId).sort()).toEqual(["1", "2"]);
    const [first] = claimed;
    if (!first) throw new Error("nothing claimed");
    await failJob(db(), first, "boom", { maxAttempts: 1, retryInSeconds: 2 });
    await advanceSyncedUntil(db(), SENTRY_ISSUES_SYNC, new Date("2026-11-24T10:00:00Z"));
    const health = await getPipelineHealth(db());
    expect(health.jobs).toMatchObject({ queued: 2, running: 1, failed: 1 });
    // Only job 3 is queued and due; it was queued a moment ago.
    expect(health.jobs.oldestDueSeconds).toBeGreaterThanOrEqual(0);
    expect(health.jobs.oldestDueSeconds).toBeLessThan(60);
    expect(health.sentryPoll.syncedUntil).toBe("2026-11-24T10:00:00.000Z");
  });
});
