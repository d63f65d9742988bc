import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { jobs } from "../schema";
import { insertAnalysis } from "./analyses";
import { upsertIssue } from "./issues";
import {
  claimJobs,
  completeJob,
  deferJob,
  enqueueAnalysis,
  enqueueJob,
  failJob,
  pruneDoneJobs,
} from "./jobs";
import { upsertProject } from "./projects";

describeOnEachDatabase("job queue", (db) => {
  it("keeps one queued job per subject, and a new one once the first is running", async () => {
    await enqueueJob(db(), "analyse_issue", "1");
    await enqueueJob(db(), "analyse_issue", "1");
    await enqueueJob(db(), "analyse_issue", "2");
    expect(await db().$count(jobs)).toBe(2);
    const claimed = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    expect(claimed).toHaveLength(1);
    await enqueueJob(db(), "analyse_issue", claimed[0]?.subjectId ?? "");
    expect(await db().$count(jobs)).toBe(3);
  });

  it("never hands one job to two concurrent claimers", async () => {
    for (let i = 0; i < 20; i++) await enqueueJob(db(), "analyse_issue", String(i));
    const batches = await Promise.all(
      Array.from({ length: 4 }, () => claimJobs(db(), { limit: 8, leaseSeconds: 60 })),
    );
    const ids = batches.flat().map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(20);
    expect(await db().$count(jobs, eq(jobs.status, "running"))).toBe(20);
  });

  it("holds a subject's new job back while its previous job still runs", async () => {
    await enqueueJob(db(), "analyse_issue", "5");
    const [first] = await claimJobs(db(), { limit: 5, leaseSeconds: 60 });
    await enqueueJob(db(), "analyse_issue", "5");
    expect(await claimJobs(db(), { limit: 5, leaseSeconds: 60 })).toHaveLength(0);
    await completeJob(db(), first?.id ?? 0);
    const [second] = await claimJobs(db(), { limit: 5, leaseSeconds: 60 });
    expect(second?.subjectId).toBe("5");
    expect(second?.id).not.toBe(first?.id);
  });

  it("claims a running job again once its worker's lease has run out", async () => {
    await enqueueJob(db(), "analyse_issue", "7");
    const [first] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    expect(await claimJobs(db(), { limit: 1, leaseSeconds: 60 })).toHaveLength(0);
    await db()
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, first?.id ?? 0));
    const [again] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    expect(again?.id).toBe(first?.id);
    expect(again?.attempts).toBe(2);
  });

  it("retries a failed job later, gives up after the last attempt, and completes", async () => {
    await enqueueJob(db(), "analyse_issue", "9");
    const [job] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    if (!job) throw new Error("no job claimed");
    await failJob(db(), job, "boom", { maxAttempts: 2, retryInSeconds: 2 });
    const [retry] = await db().select().from(jobs).where(eq(jobs.id, job.id));
    expect(retry).toMatchObject({ status: "queued", lastError: "boom" });
    expect(await claimJobs(db(), { limit: 1, leaseSeconds: 60 })).toHaveLength(0); // backoff: not due yet
    await db().update(jobs).set({ runAfter: sql`now()` }).where(eq(jobs.id, job.id));
    const [second] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    if (!second) throw new Error("retry not claimed");
    await failJob(db(), second, "boom again", { maxAttempts: 2, retryInSeconds: 2 });
    expect((await db().select().from(jobs).where(eq(jobs.id, job.id)))[0]?.status).toBe("failed");
    await enqueueJob(db(), "analyse_issue", "10");
    const [other] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    await completeJob(db(), other?.id ?? 0);
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(1);
  });

  it("keeps a queued job's time, or brings it forward when the new one is sooner and asked to be", async () => {
    const later = new Date(Date.now() + 3_600_000);
    await enqueueJob(db(), "index_similar", "12", { runAfter: later });
    await enqueueJob(db(), "index_similar", "12");
    expect(await claimJobs(db(), { limit: 1, leaseSeconds: 60 })).toHaveLength(0);
    await enqueueJob(db(), "index_similar", "12", { sooner: true });
    const [claimed] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    expect(claimed?.subjectId).toBe("12");
    // Never pushed back: a sooner job already queued stays as it is.
    await enqueueJob(db(), "index_similar", "13");
    await enqueueJob(db(), "index_similar", "13", { runAfter: later, sooner: true });
    expect((await claimJobs(db(), { limit: 1, leaseSeconds: 60 }))[0]?.subjectId).toBe("13");
    expect(await db().$count(jobs)).toBe(2);
  });

  it("defers a job until a given time without spending an attempt", async () => {
    await enqueueJob(db(), "analyse_issue", "11");
    const [job] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    if (!job) throw new Error("no job claimed");
    const until = new Date(Date.now() + 120_000);
    await deferJob(db(), job, { until, reason: "rate limited" });
    const [deferred] = await db().select().from(jobs).where(eq(jobs.id, job.id));
    expect(deferred).toMatchObject({
      status: "queued",
      attempts: 0,
      lastError: "rate limited",
      lockedUntil: null,
    });
    expect(Math.abs((deferred?.runAfter.getTime() ?? 0) - until.getTime())).toBeLessThan(1000);
    expect(await claimJobs(db(), { limit: 1, leaseSeconds: 60 })).toHaveLength(0);
  });

  it("pushes back a newer queued job for the subject instead, and closes the deferred one", async () => {
    await enqueueJob(db(), "analyse_issue", "12");
    const [job] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    if (!job) throw new Error("no job claimed");
    await enqueueJob(db(), "analyse_issue", "12");
    await deferJob(db(), job, { until: new Date(Date.now() + 120_000), reason: "rate limited" });
    expect((await db().select().from(jobs).where(eq(jobs.id, job.id)))[0]?.status).toBe("done");
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(1);
    expect(await claimJobs(db(), { limit: 1, leaseSeconds: 60 })).toHaveLength(0);
  });

  it("prunes only finished jobs past the retention, a batch at a time, keeping failed and pending ones", async () => {
    for (const id of ["1", "2", "3", "4", "5"]) await enqueueJob(db(), "analyse_issue", id);
    const claimed = await claimJobs(db(), { limit: 4, leaseSeconds: 60 });
    for (const job of claimed.slice(0, 3)) await completeJob(db(), job.id);
    const failing = claimed[3];
    if (!failing) throw new Error("no job claimed");
    await failJob(db(), failing, "boom", { maxAttempts: 1, retryInSeconds: 2 });
    await db().update(jobs).set({ finishedAt: sql`now() - interval '8 days'` });
    // One done job finished recently: inside the retention.
    await db()
      .update(jobs)
      .set({ finishedAt: sql`now()` })
      .where(eq(jobs.id, claimed[2]?.id ?? 0));
    expect(await pruneDoneJobs(db(), { olderThanDays: 7, limit: 1 })).toBe(1);
    expect(await pruneDoneJobs(db(), { olderThanDays: 7, limit: 10 })).toBe(1);
    expect(await pruneDoneJobs(db(), { olderThanDays: 7, limit: 10 })).toBe(0);
    const left = await db().select().from(jobs);
    expect(left.map((j) => j.status).sort()).toEqual(["done", "failed", "queued"]);
  });

  it("queues a first analysis at once and a re-analysis no sooner than the interval after the last", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    const seen = new Date();
    await upsertIssue(db(), { id: "77", projectId: "1", title: "Boom", firstSeen: seen, lastSeen: seen });
    const dueIn = async () => {
      const [job] = await db().select().from(jobs).where(eq(jobs.status, "queued"));
      return Math.round(((job?.runAfter.getTime() ?? Number.NaN) - Date.now()) / 1000);
    };
    await enqueueAnalysis(db(), "77", { minIntervalSeconds: 30 });
    expect(Math.abs(await dueIn())).toBeLessThanOrEqual(1);
    const [first] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    await insertAnalysis(db(), {
      issueId: "77",
      analyserVersion: "1",
      summary: "s",
      owner: { owner: "#triage", source: "fallback", rule: null },
      blastRadius: { events: 1, users: 0, tenants: 0, topTenants: [], roles: [] },
      inAppFrames: [],
    });
    await completeJob(db(), first?.id ?? 0);
    await enqueueAnalysis(db(), "77", { minIntervalSeconds: 30 });
    expect(Math.abs((await dueIn()) - 30)).toBeLessThanOrEqual(1);
    // More events meanwhile coalesce into the queued job.
    await enqueueAnalysis(db(), "77", { minIntervalSeconds: 30 });
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(1);
    expect(await claimJobs(db(), { limit: 1, leaseSeconds: 60 })).toHaveLength(0);
  });
});
