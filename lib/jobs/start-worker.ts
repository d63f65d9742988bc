import type { Database } from "@/lib/db/connect";
import { pruneDoneJobs } from "@/lib/db/queries/jobs";
import type { JobRegistry } from "./job-registry";
import { type RunOptions, runDueJobs } from "./run-due-jobs";
import { onWake } from "./wake";

export type WorkerOptions = RunOptions & {
  pollMs: number;
  /** Finished jobs older than this are deleted, a batch at a time, when the worker is idle. */
  jobRetentionDays?: number;
};

export type Worker = { stop: () => Promise<void>; drained: () => Promise<void> };

const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : error);

/**
 * The polling loop of the web process and of `npm run worker`. Jobs are coordinated only through
 * PostgreSQL, so any number of these may run against one database. It knows no job kind: the
 * registry handed in says what each does.
 */
export function startWorker(
  getDb: () => Promise<Database>,
  registry: JobRegistry,
  options: WorkerOptions,
): Worker {
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
    let started = false;
    let prunedAt = 0;
    while (!stopped) {
      let claimed = 0;
      try {
        const db = await getDb();
        if (!started) {
          for (const kind of registry.values()) await kind.onWorkerStart?.(db);
          started = true;
        }
        claimed = await runDueJobs(db, registry, options);
      } catch (error) {
        console.error("[sift worker] cannot claim jobs:", messageOf(error));
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
          console.error("[sift worker] cannot prune jobs:", messageOf(error));
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
