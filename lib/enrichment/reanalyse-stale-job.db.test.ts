import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { upsertIssue } from "@/lib/db/queries/issues";
import { ANALYSE_ISSUE_JOB } from "@/lib/db/queries/jobs";
import { upsertProject } from "@/lib/db/queries/projects";
import { jobs } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { minimalAnalysis } from "@/test/minimal-analysis";
import { REANALYSE_STALE_JOB, reanalyseStaleJob, runReanalyseStaleRound } from "./reanalyse-stale-job";

describeOnEachDatabase("re-analysis rounds after an analyser upgrade", (db) => {
  const staleIssues = async (count: number) => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    for (let i = 1; i <= count; i++) {
      const seen = new Date(Date.now() - i * 60_000);
      await upsertIssue(db(), {
        id: String(i),
        projectId: "1",
        title: `E${i}`,
        firstSeen: seen,
        lastSeen: seen,
      });
      await insertAnalysis(db(), minimalAnalysis(String(i), "1"));
    }
  };
  const queuedAnalyses = () =>
    db().$count(jobs, and(eq(jobs.kind, ANALYSE_ISSUE_JOB), eq(jobs.status, "queued")));
  const nextRound = async () =>
    (
      await db()
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, REANALYSE_STALE_JOB), eq(jobs.status, "queued")))
    ).length;
  // Stands in for the workers: the queued analyses run (here: their rows are finished, and the
  // issues analysed by the current version).
  const drain = async () => {
    const done = await db()
      .update(jobs)
      .set({ status: "done", finishedAt: new Date() })
      .where(and(eq(jobs.kind, ANALYSE_ISSUE_JOB), eq(jobs.status, "queued")))
      .returning();
    for (const job of done) {
      await insertAnalysis(db(), minimalAnalysis(job.subjectId, "999"));
    }
  };
  const settings = { seenWithinDays: 14, batch: 2, everyMs: 1000 };

  it("queues a batch a round, waits while a batch is still due, and stops after the last one", async () => {
    await staleIssues(5);
    expect(await runReanalyseStaleRound(db(), settings)).toEqual({ queued: 2, waited: false });
    expect(await queuedAnalyses()).toBe(2);
    expect(await nextRound()).toBe(1);
    // The workers have not caught up: the round waits rather than adding to the backlog.
    await db().delete(jobs).where(eq(jobs.kind, REANALYSE_STALE_JOB));
    expect(await runReanalyseStaleRound(db(), settings)).toEqual({ queued: 0, waited: true });
    expect(await queuedAnalyses()).toBe(2);
    expect(await nextRound()).toBe(1);
    await drain();
    await db().delete(jobs).where(eq(jobs.kind, REANALYSE_STALE_JOB));
    expect(await runReanalyseStaleRound(db(), settings)).toEqual({ queued: 2, waited: false });
    await drain();
    await db().delete(jobs).where(eq(jobs.kind, REANALYSE_STALE_JOB));
    // The last one: fewer than a batch, so no further round.
    expect(await runReanalyseStaleRound(db(), settings)).toEqual({ queued: 1, waited: false });
    expect(await nextRound()).toBe(0);
  });

  it("a starting worker queues the first round once, and nothing with the setting at 0", async () => {
    await reanalyseStaleJob({ seenWithinDays: 0 }).onWorkerStart?.(db());
    expect(await nextRound()).toBe(0);
    await reanalyseStaleJob(settings).onWorkerStart?.(db());
    await reanalyseStaleJob(settings).onWorkerStart?.(db());
    expect(await nextRound()).toBe(1);
  });
});
