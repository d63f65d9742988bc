import type { Database } from "@/lib/db/connect";
import { pruneDoneJobs } from "@/lib/db/queries/jobs";
import type { JobKind } from "./job-kind";
import type { JobRegistry } from "./job-registry";
import { type RunOptions, runDueJobs } from "./run-due-jobs";
import { onWake } from "./wake";

export type WorkerOptions = RunOptions & {
  pollMs: number;
  /**
   * For a worker inside the web process: while `busy()` (requests are being served), it claims one
   * job at a time and pauses after each so that jobs take at most `share` of its time. Jobs wait
   * in the queue meanwhile (one at a time, whatever `concurrency` says); a worker process of its
   * own (`npm run worker`) never yields. With `arrivals` (a count of requests begun), it pauses only
   * when a request began while its job ran: a lone delivery's store and analysis follow each other
   * at once, and only a burst makes them wait.
   */
  yieldTo?: { busy: () => boolean; share: number; arrivals?: () => number };
  /**
   * Under a burst every delivery calls wakeWorkers(): an idle worker's sleep ends no sooner than
   * this long after its last claim, so a burst costs a few claims, not one per delivery. Default 50.
   */
  wakeEveryMs?: number;
  /** Finished jobs older than this are deleted, a batch at a time, when the worker is idle. */
  jobRetentionDays?: number;
  /** A kind's failed start-up work (onWorkerStart) is tried again after this long. Default 30 s. */
  startRetryMs?: number;
};

export type Worker = { stop: () => Promise<void>; drained: () => Promise<void> };

const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;
// A yielding worker still runs a job at least this often, however slow its jobs are.
const MAX_PAUSE_MS = 5000;

const START_RETRY_MS = 30_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : error);

/** Runs each kind's start-up work on its own; returns the kinds whose work failed, to try again. */
async function runStartWork(db: Database, kinds: JobKind[]): Promise<JobKind[]> {
  const failed: JobKind[] = [];
  for (const kind of kinds) {
    try {
      await kind.onWorkerStart?.(db);
    } catch (error) {
      failed.push(kind);
      console.error(
        `[sift worker] start-up work of ${kind.name} failed, trying again later:`,
        messageOf(error),
      );
    }
  }
  return failed;
}

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
  let idleWaiters: (() => void)[] = [];
  // The current wait, an idle sleep or a yielding pause: stop() ends it at once.
  let endWait: (() => void) | null = null;
  // Set during an idle sleep: wakeWorkers() ends it, but no sooner than wakeEveryMs after the last claim.
  let wake: (() => void) | null = null;
  let claimedAt = 0;
  const unsubscribe = onWake(() => wake?.());

  const wait = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      let timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        endWait = null;
        wake = null;
        resolve();
      }
      endWait = done;
      if (wakeable) {
        wake = () => {
          clearTimeout(timer);
          timer = setTimeout(done, Math.max(0, claimedAt + (options.wakeEveryMs ?? 50) - performance.now()));
        };
      }
    });

  // Each kind's start-up work until it has succeeded once; a failure never holds back the queue.
  let startPending = [...registry.values()].filter((kind) => kind.onWorkerStart);
  let startRetryAt = 0;

  const loop = (async () => {
    let prunedAt = 0;
    while (!stopped) {
      let claimed = 0;
      const yielding = options.yieldTo?.busy() ? options.yieldTo : undefined;
      const startedAt = performance.now();
      const arrivalsBefore = yielding?.arrivals?.();
      claimedAt = startedAt;
      try {
        const db = await getDb();
        if (startPending.length > 0 && performance.now() >= startRetryAt) {
          startPending = await runStartWork(db, startPending);
          startRetryAt = performance.now() + (options.startRetryMs ?? START_RETRY_MS);
        }
        claimed = await runDueJobs(
          db,
          registry,
          yielding ? { ...options, batchSize: 1, concurrency: 1 } : options,
        );
      } catch (error) {
        console.error("[sift worker] cannot claim jobs:", messageOf(error));
      }
      const arrived = yielding?.arrivals === undefined || yielding.arrivals() !== arrivalsBefore;
      if (claimed > 0 && yielding && arrived && !stopped) {
        // Not wakeable: under a burst every delivery wakes the worker.
        await wait(Math.min(MAX_PAUSE_MS, (performance.now() - startedAt) * (1 / yielding.share - 1)), false);
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
        if (!stopped) await wait(options.pollMs, true);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      endWait?.();
      await loop;
    },
    drained: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
  };
}
