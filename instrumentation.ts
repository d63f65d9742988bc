import * as Sentry from "@sentry/nextjs";

export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./sentry.server.config");
    // The build imports this file too; only a running server analyses deliveries.
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startInProcessWorker } = await import("@/lib/worker/start-in-process-worker");
      startInProcessWorker();
      const { importPostmortemsAtStart } = await import("@/lib/postmortems/import-at-start");
      importPostmortemsAtStart();
    }
  }
  if (process.env.NEXT_RUNTIME === "edge") await import("./sentry.edge.config");
}

export const onRequestError = Sentry.captureRequestError;
