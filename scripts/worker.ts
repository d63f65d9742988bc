// `npm run worker`: workers as separate processes (any number), sharing the job table with
// the web processes through FOR UPDATE SKIP LOCKED. Run the web with SIFT_WORKER=0 to use only these.
// @sentry/node (what @sentry/nextjs runs on the server): under tsx the nextjs package's CommonJS
// re-exports lose flush and friends.
import * as Sentry from "@sentry/node";
import { getConnection } from "@/lib/db/client";
import { env } from "@/lib/env";
import { startServerSentry } from "@/lib/observability/sentry";
import { startWorkerFromEnv } from "@/lib/worker/start-worker-from-env";

// The same self-monitoring as the web process (sentry.server.config.ts): not started without SENTRY_DSN.
startServerSentry(Sentry.init, process.env);

// Registered before the database opens (PGlite takes seconds to): a signal during start-up then
// closes what was opened and exits 0, instead of the default action killing the process mid-open.
let worker: ReturnType<typeof startWorkerFromEnv> | undefined;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    stopping = true;
    console.log(
      `[sift worker] ${signal}: ${worker ? "finishing the current job" : "stopping during start-up"}`,
    );
    await worker?.stop();
    await (await getConnection().catch(() => undefined))?.close();
    // Failure reports still in the SDK's queue go out before the process ends.
    await Sentry.flush(2000);
    process.exit(0);
  });
}

console.log("[sift worker] opening the database");
const connection = await getConnection();
if (!stopping) {
  console.log(`[sift worker] started on ${connection.driver}, polling every ${env.SIFT_WORKER_POLL_MS} ms`);
  if (connection.driver === "pglite") {
    console.warn(
      "[sift worker] PGlite takes no lock on its folder: never run this beside a web process on the same SIFT_DATA_DIR.",
    );
  }
  worker = startWorkerFromEnv();
}
