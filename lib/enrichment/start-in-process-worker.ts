import "server-only";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { reportJobFailure } from "@/lib/observability/report-job-failure";
import { analysisSettingsFromEnv } from "./settings";
import { startWorker, type Worker } from "./worker";

const holder = globalThis as unknown as { __siftWorker?: Worker };

/** The web process analyses its own deliveries unless SIFT_WORKER=0 hands that to `npm run worker`. */
export function startInProcessWorker(): void {
  if (!env.SIFT_WORKER || holder.__siftWorker) return;
  holder.__siftWorker = startWorker(getDb, {
    pollMs: env.SIFT_WORKER_POLL_MS,
    jobRetentionDays: env.SIFT_JOB_RETENTION_DAYS,
    settings: analysisSettingsFromEnv(),
    onError: reportJobFailure,
  });
}
