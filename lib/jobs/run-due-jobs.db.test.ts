import { eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { z } from "zod";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { jobs } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { defaultRetry } from "./job-kind";
import { createJobRegistry } from "./job-registry";
import { runDueJobs } from "./run-due-jobs";

const kindThrowing = (error: Error) =>
  createJobRegistry([
    {
      name: "probe",
      subject: z.string(),
      retry: { ...defaultRetry, maxAttempts: 1 },
      run: async () => {
        throw error;
      },
    },
  ]);

describeOnEachDatabase("runDueJobs", (db) => {
  it("puts a job back without spending an attempt when the database, not the job, failed", async () => {
    await enqueueJob(db(), "probe", "1");
    const onError = vi.fn();
    const lost = new Error("Connection terminated unexpectedly");
    expect(await runDueJobs(db(), kindThrowing(lost), { onError })).toBe(1);
    const [job] = await db().select().from(jobs).where(eq(jobs.subjectId, "1"));
    expect(job).toMatchObject({ status: "queued", attempts: 0 });
    expect(job?.runAfter.getTime()).toBeGreaterThan(Date.now() + 2_000);
    expect(onError).not.toHaveBeenCalled();
  });

  it("counts any other error as a failed attempt and parks the job after the last one", async () => {
    await enqueueJob(db(), "probe", "2");
    const onError = vi.fn();
    expect(await runDueJobs(db(), kindThrowing(new Error("boom")), { onError })).toBe(1);
    const [job] = await db().select().from(jobs).where(eq(jobs.subjectId, "2"));
    expect(job).toMatchObject({ status: "failed", attempts: 1, lastError: "boom" });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("runs claimed jobs up to `concurrency` at once, each exactly once", async () => {
    for (let i = 0; i < 7; i++) await enqueueJob(db(), "slow", `c${i}`);
    const ran: string[] = [];
    let running = 0;
    let most = 0;
    const registry = createJobRegistry([
      {
        name: "slow",
        subject: z.string(),
        retry: defaultRetry,
        run: async ({ subjectId }) => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 30));
          ran.push(subjectId);
          running--;
        },
      },
    ]);
    expect(await runDueJobs(db(), registry, { concurrency: 3 })).toBe(7);
    expect(ran.sort()).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6"]);
    expect(most).toBe(3);
    const rows = await db().select().from(jobs).where(eq(jobs.kind, "slow"));
    expect(rows.map((r) => r.status)).toEqual(Array(7).fill("done"));
    // One at a time unless asked.
    for (let i = 0; i < 3; i++) await enqueueJob(db(), "slow", `d${i}`);
    most = 0;
    expect(await runDueJobs(db(), registry)).toBe(3);
    expect(most).toBe(1);
  });
});
