// `npm run worker`: analysis workers as separate processes (any number), sharing the job table with
// the web processes through FOR UPDATE SKIP LOCKED. Run the web with SIFT_WORKER=0 to use only these.
import { getConnection, getDb } from "@/lib/db/client";
import { analysisSettingsFromEnv } from "@/lib/enrichment/settings";
import { startWorker } from "@/lib/enrichment/worker";
import { env } from "@/lib/env";
import { reportJobFailure } from "@/lib/observability/report-job-failure";

const connection = await getConnection();
console.log(`[sift worker] started on ${connection.driver}, polling every ${env.SIFT_WORKER_POLL_MS} ms`);
if (connection.driver === "pglite") {
  console.warn(
    "[sift worker] PGlite takes no lock on its folder: never run this beside a web process on the same SIFT_DATA_DIR.",
  );
}
const worker = startWorker(getDb, {
  pollMs: env.SIFT_WORKER_POLL_MS,
  jobRetentionDays: env.SIFT_JOB_RETENTION_DAYS,
  settings: analysisSettingsFromEnv(),
  // Logged; sent to Sentry only where the SDK is initialised (the web process), not in this one.
  onError: reportJobFailure,
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.log(`[sift worker] ${signal}: finishing the current job`);
    await worker.stop();
    await connection.close();
    process.exit(0);
  });
}
