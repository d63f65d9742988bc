// @sentry/core, not @sentry/nextjs: outside Next's bundler (the `npm run worker` process under
// tsx) the nextjs package's CommonJS re-exports come through without withScope/captureException.
// The SDK keeps one client per process on globalThis, so this reaches whichever init ran.
import * as Sentry from "@sentry/core";

type FailedJob = { id: number; kind: string; subjectId: string; attempts: number };

/**
 * A job that throws is logged and, when self-monitoring is on, sent to Sift's own Sentry project,
 * tagged so failures of one kind group together and name the issue they were about. A no-op
 * without a DSN (the SDK is disabled).
 */
export function reportJobFailure(error: unknown, job: FailedJob): void {
  console.error(`[sift worker] job ${job.id} (${job.kind} ${job.subjectId}) failed:`, error);
  Sentry.withScope((scope) => {
    scope.setTag("job.kind", job.kind);
    scope.setTag("job.attempt", String(job.attempts));
    scope.setContext("job", { id: job.id, kind: job.kind, subjectId: job.subjectId, attempts: job.attempts });
    Sentry.captureException(error);
  });
}
