import "server-only";
import { env } from "@/lib/env";
import { foregroundArrivals, foregroundBusy } from "@/lib/jobs/foreground";
import type { Worker } from "@/lib/jobs/start-worker";
import { startWorkerFromEnv } from "./start-worker-from-env";

const holder = globalThis as unknown as { __siftWorker?: Worker };

// While webhooks are being served, the web process's worker spends at most this share of its time
// on jobs, so a burst of deliveries is acknowledged first (Sentry waits 1 s, and retries only a
// published app's deliveries); the backlog follows the burst, or `npm run worker` processes take it.
// At a fifth, a burst over many new issues was acknowledged at 0.8 of the rate with the worker off.
const BUSY_SHARE = 0.1;
// Jobs at once when no request is being served: its pool (SIFT_DB_POOL_SIZE) is the requests' too.
const MAX_CONCURRENCY = 2;

/** The web process works its own queue unless SIFT_WORKER=0 hands that to `npm run worker`. */
export function startInProcessWorker(): void {
  if (!env.SIFT_WORKER || holder.__siftWorker) return;
  holder.__siftWorker = startWorkerFromEnv({
    yieldTo: { busy: foregroundBusy, share: BUSY_SHARE, arrivals: foregroundArrivals },
    maxConcurrency: MAX_CONCURRENCY,
  });
}
