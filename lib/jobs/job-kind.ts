import type { z } from "zod";
import type { Database } from "@/lib/db/connect";

export type RetryPolicy = {
  /** Attempts before the job is parked as failed (shown to operators, never retried by itself). */
  maxAttempts: number;
  /** Seconds to wait before the next attempt, given how many attempts have run. */
  backoffSeconds: (attempts: number) => number;
  /**
   * When an error means "come back at this time" (an upstream rate limit), the job is put back
   * until then without spending an attempt: the wait was imposed, not caused by the job.
   */
  waitUntil?: (error: unknown) => Date | null;
};

export type JobRun = { db: Database; subjectId: string; attempts: number };

/**
 * One kind of background work. A job's payload is its subject id: the queue keeps at most one
 * queued job per kind and subject, which is what coalesces a burst of events into one analysis.
 * `subject` checks it before the handler runs, so a malformed row fails instead of misbehaving.
 */
export type JobKind = {
  name: string;
  subject: z.ZodType<string>;
  retry: RetryPolicy;
  run: (job: JobRun) => Promise<void>;
  /** Work a worker queues once when it starts, such as the first run of a periodic job. */
  onWorkerStart?: (db: Database) => Promise<void>;
};

export const defaultRetry: RetryPolicy = {
  maxAttempts: 5,
  backoffSeconds: (attempts) => Math.min(300, 2 ** attempts),
};
