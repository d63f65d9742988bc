import "server-only";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { startWorker, type Worker, type WorkerOptions } from "@/lib/jobs/start-worker";
import { reportJobFailure } from "@/lib/observability/report-job-failure";
import { buildJobKinds } from "./job-kinds";
import { workerSettingsFromEnv } from "./settings-from-env";

/**
 * A worker over every job kind, configured from the environment: the web process's and `npm run worker`'s.
 * `maxConcurrency` caps SIFT_WORKER_CONCURRENCY (the web process shares its pool with requests).
 */
export function startWorkerFromEnv(
  extra: Pick<WorkerOptions, "yieldTo"> & { maxConcurrency?: number } = {},
): Worker {
  const { maxConcurrency, ...rest } = extra;
  // PGlite has one connection: jobs at once would only queue on it.
  const concurrency = env.DATABASE_URL
    ? Math.min(env.SIFT_WORKER_CONCURRENCY, maxConcurrency ?? env.SIFT_WORKER_CONCURRENCY)
    : 1;
  return startWorker(getDb, buildJobKinds(workerSettingsFromEnv()), {
    pollMs: env.SIFT_WORKER_POLL_MS,
    leaseSeconds: env.SIFT_JOB_LEASE_SECONDS,
    jobRetentionDays: env.SIFT_JOB_RETENTION_DAYS,
    onError: reportJobFailure,
    concurrency,
    ...rest,
  });
}
