import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { jobs } from "../schema";
import { getIssueDetail } from "./issue-detail";
import { upsertIssue } from "./issues";
import { claimJobs, completeJob, enqueueJob, failJob } from "./jobs";
import { upsertProject } from "./projects";

describeOnEachDatabase("issue detail's analysis job state", (db) => {
  async function seed() {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    const seen = new Date("2026-11-01T00:00:00Z");
    await upsertIssue(db(), { id: "42", projectId: "1", title: "Boom", firstSeen: seen, lastSeen: seen });
  }
  const jobOf = async () => (await getIssueDetail(db(), "42"))?.analysisJob;
  const claim = async () => {
    const [job] = await claimJobs(db(), { limit: 1, leaseSeconds: 60 });
    if (!job) throw new Error("nothing to claim");
    return job;
  };

  it("is null with no job, queued then running, and null again once done", async () => {
    await seed();
    expect(await jobOf()).toBeNull();
    await enqueueJob(db(), "analyse_issue", "42");
    expect(await jobOf()).toMatchObject({ status: "queued", attempts: 0, lastError: null });
    const job = await claim();
    expect(await jobOf()).toMatchObject({ status: "running", attempts: 1 });
    await completeJob(db(), job.id);
    expect(await jobOf()).toBeNull();
  });

  it("carries the error of a failed attempt, and says failed once attempts run out", async () => {
    await seed();
    await enqueueJob(db(), "analyse_issue", "42");
    await failJob(db(), await claim(), "boom: cannot read properties of undefined", {
      maxAttempts: 2,
      retryInSeconds: 2,
    });
    expect(await jobOf()).toMatchObject({
      status: "queued",
      attempts: 1,
      lastError: "boom: cannot read properties of undefined",
    });
    // Skip the backoff rather than wait for it.
    await db().update(jobs).set({ runAfter: sql`now()` });
    await failJob(db(), await claim(), "boom again", { maxAttempts: 2, retryInSeconds: 2 });
    expect(await jobOf()).toMatchObject({ status: "failed", attempts: 2, lastError: "boom again" });
    // Jobs of other issues or kinds do not leak in.
    await enqueueJob(db(), "analyse_issue", "43");
    await enqueueJob(db(), "reconcile", "42");
    expect(await jobOf()).toMatchObject({ status: "failed" });
  });
});
