import "server-only";
import { env } from "@/lib/env";
import type { Worker } from "@/lib/jobs/start-worker";
import { startWorkerFromEnv } from "./start-worker-from-env";

const holder = globalThis as unknown as { __siftWorker?: Worker };

/** The web process works its own queue unless SIFT_WORKER=0 hands that to `npm run worker`. */
export function startInProcessWorker(): void {
  if (!env.SIFT_WORKER || holder.__siftWorker) return;
  holder.__siftWorker = startWorkerFromEnv();
}
