import type { Database } from "@/lib/db/connect";
import { claimJobs, completeJob, deferJob, failJob, type Job } from "@/lib/db/queries/jobs";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import type { JobKind } from "./job-kind";
import type { JobRegistry } from "./job-registry";

export type RunOptions = {
  batchSize?: number;
  leaseSeconds?: number;
  /** Told of every job that threw (not of imposed waits); a throwing reporter cannot stop the retry. */
  onError?: (error: unknown, job: Job) => void;
  /**
   * How many of the claimed jobs run at once (default 1, one after another). A job mostly waits on
   * the database (round trips, commits), so a few at once drain a backlog faster on the same cores;
   * they are then no different from jobs of as many worker processes. PostgreSQL only: PGlite has
   * one connection.
   */
  concurrency?: number;
};

// A database that stalled or dropped its connections is an outage, not the job's fault: the job
// waits this long without spending an attempt, so an outage cannot use up an analysis's retries.
const DATABASE_OUTAGE_WAIT_MS = 5_000;

async function settleFailure(db: Database, job: Job, kind: JobKind, error: unknown, options: RunOptions) {
  const until = isDatabaseUnavailable(error)
    ? new Date(Date.now() + DATABASE_OUTAGE_WAIT_MS)
    : kind.retry.waitUntil?.(error);
  if (until) {
    await deferJob(db, job, { until, reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  try {
    options.onError?.(error, job);
  } catch (reportError) {
    console.error("[sift worker] could not report a job failure:", reportError);
  }
  await failJob(db, job, error instanceof Error ? error.message : String(error), {
    maxAttempts: kind.retry.maxAttempts,
    retryInSeconds: kind.retry.backoffSeconds(job.attempts),
  });
}

/**
 * Claims due jobs of the registered kinds and runs each once; returns how many it claimed. Kinds
 * this worker does not know stay queued for a worker that does (a rolling deploy adds kinds).
 */
export async function runDueJobs(db: Database, registry: JobRegistry, options: RunOptions = {}) {
  const claimed = await claimJobs(db, {
    kinds: [...registry.keys()],
    limit: options.batchSize ?? 10,
    leaseSeconds: options.leaseSeconds ?? 60,
  });
  // Claimed jobs start in the claim's order; at most `concurrency` run at any moment.
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const job = claimed[next++] as Job;
      await runClaimedJob(db, registry, job, options);
    }
  };
  const lanes = Math.min(Math.max(1, options.concurrency ?? 1), claimed.length);
  await Promise.all(Array.from({ length: lanes }, lane));
  return claimed.length;
}

async function runClaimedJob(db: Database, registry: JobRegistry, job: Job, options: RunOptions) {
  // Claimed by name from the registry, so the kind is there.
  const kind = registry.get(job.kind) as JobKind;
  try {
    const subject = kind.subject.safeParse(job.subjectId);
    if (!subject.success) throw new Error(`malformed ${job.kind} subject "${job.subjectId}"`);
    await kind.run({ db, subjectId: subject.data, attempts: job.attempts });
    await completeJob(db, job.id);
  } catch (error) {
    await settleFailure(db, job, kind, error, options);
  }
}
