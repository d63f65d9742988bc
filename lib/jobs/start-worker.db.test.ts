import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { z } from "zod";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { jobs } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { defaultRetry } from "./job-kind";
import { createJobRegistry } from "./job-registry";
import { startWorker } from "./start-worker";
import { wakeWorkers } from "./wake";

const KIND = "test_yield";

// A kind whose runs are recorded in order; each takes a few milliseconds of wall time, then calls
// `afterRun` with its subject.
function recordingKind(ran: string[], afterRun: (subjectId: string) => void = () => {}) {
  return createJobRegistry([
    {
      name: KIND,
      subject: z.string(),
      retry: defaultRetry,
      run: async ({ subjectId }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        ran.push(subjectId);
        afterRun(subjectId);
      },
    },
  ]);
}

describeOnEachDatabase("startWorker yielding to the web process", (db) => {
  it("while requests are served, claims one job at a time and pauses after it until stopped", async () => {
    for (const subject of ["a", "b", "c"]) await enqueueJob(db(), KIND, subject);
    const ran: string[] = [];
    let firstRun: () => void = () => {};
    const ranOnce = new Promise<void>((resolve) => {
      firstRun = resolve;
    });
    const registry = recordingKind(ran, () => firstRun());
    // A share this small makes the pause after one job as long as the worker allows (seconds):
    // within this test only stop() ends it.
    const worker = startWorker(async () => db(), registry, {
      pollMs: 20,
      yieldTo: { busy: () => true, share: 1e-9 },
    });
    await ranOnce;
    // The job is completed right after its run; give that write a moment to land.
    for (let i = 0; i < 100 && (await db().$count(jobs, eq(jobs.status, "done"))) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await worker.stop();
    expect(ran).toHaveLength(1);
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(1);
    // Not claimed in a batch: the other two are still queued for any worker, none held by a lease.
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(2);
  });

  it("pauses after a job only when a request began while it ran", async () => {
    for (const subject of ["a", "b", "c"]) await enqueueJob(db(), KIND, subject);
    const ran: string[] = [];
    let arrivals = 0;
    // A request arrives while "b" runs: the worker then steps back (for seconds, at this share).
    const registry = recordingKind(ran, (subjectId) => {
      if (subjectId === "b") arrivals++;
    });
    const worker = startWorker(async () => db(), registry, {
      pollMs: 20,
      yieldTo: { busy: () => true, share: 1e-9, arrivals: () => arrivals },
    });
    for (let i = 0; i < 200 && ran.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.stop();
    expect(ran).toEqual(["a", "b"]);
  });

  it("with nothing to yield to, works the whole queue without pausing", async () => {
    for (const subject of ["a", "b", "c"]) await enqueueJob(db(), KIND, subject);
    const ran: string[] = [];
    const worker = startWorker(async () => db(), recordingKind(ran), {
      pollMs: 20,
      yieldTo: { busy: () => false, share: 1e-9 },
    });
    await worker.drained();
    await worker.stop();
    expect(ran.sort()).toEqual(["a", "b", "c"]);
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(3);
  });
});

describeOnEachDatabase("startWorker woken by every delivery of a burst", (db) => {
  async function claimsDuringWakes(wakeEveryMs: number): Promise<number> {
    let claims = 0;
    const worker = startWorker(
      async () => {
        claims++;
        return db();
      },
      recordingKind([]),
      { pollMs: 600_000, wakeEveryMs },
    );
    await worker.drained();
    for (let i = 0; i < 20; i++) {
      wakeWorkers();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await worker.stop();
    return claims;
  }

  it("claims again on a wake only once wakeEveryMs has passed since its last claim", async () => {
    // Nothing is queued and the poll is ten minutes away: only wakes could make it claim again.
    expect(await claimsDuringWakes(600_000)).toBe(1);
    expect(await claimsDuringWakes(0)).toBeGreaterThan(1);
  });
});

describeOnEachDatabase("startWorker's start-up work", (db) => {
  it("a failing onWorkerStart is tried again on later turns and never holds back the queue", async () => {
    await enqueueJob(db(), KIND, "a");
    const ran: string[] = [];
    const [kind] = [...recordingKind(ran).values()];
    if (!kind) throw new Error("no kind");
    let startAttempts = 0;
    let otherStarts = 0;
    const registry = createJobRegistry([
      {
        ...kind,
        // Fails until the queued job has run: a worker that waited for it would never run the job.
        onWorkerStart: async () => {
          startAttempts += 1;
          if (ran.length === 0) throw new Error("statement timeout");
        },
      },
      // Registered after the failing one: its start-up work is not held back by it.
      {
        ...kind,
        name: "test_other",
        onWorkerStart: async () => {
          otherStarts += 1;
        },
      },
    ]);
    const worker = startWorker(async () => db(), registry, { pollMs: 20, startRetryMs: 50 });
    for (let i = 0; i < 200 && ran.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    // A few more turns: the start-up work succeeds on the next one and is not run after that.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.stop();
    expect(ran).toEqual(["a"]);
    // Failed on the first turn (the job ran all the same), succeeded on the second, then left alone.
    expect(startAttempts).toBe(2);
    expect(otherStarts).toBe(1);
  });
});
