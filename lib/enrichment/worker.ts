import type { Database } from "@/lib/db/client";
import {
  claimJobs,
  completeJob,
  deferJob,
  enqueueJob,
  failJob,
  type Job,
  pruneDoneJobs,
} from "@/lib/db/queries/jobs";
import { SentryRateLimitError } from "@/lib/sentry/api-errors";
import { type AnalysisSettings, runAnalyseIssueJob } from "./analyse-issue-job";
import { RECONCILE_SUBJECT, runReconcileJob } from "./reconcile-job";
import { onWake } from "./wake";

export type WorkerOptions = {
  pollMs: number;
  batchSize?: number;
  leaseSeconds?: number;
  maxAttempts?: number;
  settings: AnalysisSettings;
  onError?: (error: unknown, job: Job) => void;
  /** Finished jobs older than this are deleted, a batch at a time, when the worker is idle. */
  jobRetentionDays?: number;
};

const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;

export type Worker = { stop: () => Promise<void>; drained: () => Promise<void> };

async function runJob(db: Database, job: Job, settings: AnalysisSettings): Promise<void> {
  switch (job.kind) {
    case "analyse_issue":
      return runAnalyseIssueJob(db, job.subjectId, settings);
    case "reconcile": {
      // Polling was turned off since this job was queued: let it lapse.
      if (!settings.sentryApi || !settings.reconcile) return;
      const result = await runReconcileJob(db, settings.sentryApi, settings.reconcile, new Date());
      if (result.capped || result.skipped > 0) {
        console.warn(
          `[sift worker] Sentry poll: ${result.seen} issues read, ${result.skipped} not understood` +
            (result.capped ? "; stopped at the page limit, older changes are left to webhooks" : ""),
        );
      }
      return;
    }
  }
}

/** Queues the first Sentry poll when polling is on; a no-op when one is already queued. */
export async function scheduleReconcile(db: Database, settings: AnalysisSettings): Promise<void> {
  if (settings.sentryApi && settings.reconcile) await enqueueJob(db, "reconcile", RECONCILE_SUBJECT);
}

/** Runs every due job once; returns how many it claimed. */
export async function runDueJobs(db: Database, options: WorkerOptions): Promise<number> {
  const claimed = await claimJobs(db, {
    limit: options.batchSize ?? 10,
    leaseSeconds: options.leaseSeconds ?? 60,
  });
  for (const job of claimed) {
    try {
      await runJob(db, job, options.settings);
      await completeJob(db, job.id);
    } catch (error) {
      // Sentry said when to come back: waiting is not a failure and spends no attempt.
      if (error instanceof SentryRateLimitError) {
        await deferJob(db, job, { until: error.retryAt, reason: error.message });
        continue;
      }
      try {
        options.onError?.(error, job);
      } catch (reportError) {
        // A broken reporter must not keep the job from being retried or parked.
        console.error("[sift worker] could not report a job failure:", reportError);
      }
      await failJob(
        db,
        job,
        error instanceof Error ? error.message : String(error),
        options.maxAttempts ?? 5,
      );
    }
  }
  return claimed.length;
}

/**
 * The polling loop used in the web process and by `npm run worker`. Jobs are coordinated only through
 * Postgres, so any number of these may run against one database.
 */
export function startWorker(getDb: () => Promise<Database>, options: WorkerOptions): Worker {
  let stopped = false;
  let wake: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  const unsubscribe = onWake(() => wake?.());

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    let scheduled = false;
    let prunedAt = 0;
    while (!stopped) {
      let claimed = 0;
      try {
        const db = await getDb();
        if (!scheduled) {
          await scheduleReconcile(db, options.settings);
          scheduled = true;
        }
        claimed = await runDueJobs(db, options);
      } catch (error) {
        console.error("[sift worker] cannot claim jobs:", error instanceof Error ? error.message : error);
      }
      if (claimed === 0 && options.jobRetentionDays && Date.now() - prunedAt > PRUNE_EVERY_MS) {
        try {
          const pruned = await pruneDoneJobs(await getDb(), {
            olderThanDays: options.jobRetentionDays,
            limit: PRUNE_BATCH,
          });
          // A full batch means more are waiting: come back on the next idle turn, not in an hour.
          if (pruned < PRUNE_BATCH) prunedAt = Date.now();
        } catch (error) {
          console.error("[sift worker] cannot prune jobs:", error instanceof Error ? error.message : error);
          prunedAt = Date.now();
        }
      }
      if (claimed === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
        if (!stopped) await sleep(options.pollMs);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      await loop;
    },
    drained: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
  };
}
