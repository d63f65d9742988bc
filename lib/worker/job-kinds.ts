import type { IdentityOptions } from "@/lib/analysis/identity";
import type { OwnershipRule } from "@/lib/analysis/types";
import { analyseIssueJob } from "@/lib/enrichment/analyse-issue-job";
import { storeLatestEventFromSentry } from "@/lib/ingest/fetch-latest-event";
import { type ReconcileSettings, reconcileJob } from "@/lib/ingest/reconcile-job";
import { createJobRegistry, type JobRegistry } from "@/lib/jobs/job-registry";
import type { SentryApiClient } from "@/lib/sentry/api-client";
import { queueWriteback, type WritebackSettings, writebackJob } from "@/lib/writeback/writeback-job";

export type WorkerSettings = {
  rules: OwnershipRule[];
  fallbackOwner: string;
  /** Where tenant and roles are read from in fetched events: the same keys as ingest's. */
  identity: IdentityOptions;
  /** Reads latest events and polls for missed issues; null works only from what webhooks bring. */
  sentryApi: SentryApiClient | null;
  /** The periodic poll of Sentry's issues (needs sentryApi); absent: no polling. */
  poll?: ReconcileSettings;
  /** Writing analyses back to Sentry (needs sentryApi); absent: never. */
  writeback?: Omit<WritebackSettings, "api">;
};

/**
 * Every job kind Sift runs, each given only the settings it needs. The web process's in-process
 * worker and `npm run worker` both start from this list: a new kind is one file and one line here.
 */
export function buildJobKinds(settings: WorkerSettings): JobRegistry {
  const { sentryApi } = settings;
  const writeback = sentryApi && settings.writeback ? { ...settings.writeback, api: sentryApi } : null;
  return createJobRegistry([
    analyseIssueJob({
      rules: settings.rules,
      fallbackOwner: settings.fallbackOwner,
      fetchLatestEvent: sentryApi
        ? (db, issueId) => storeLatestEventFromSentry(db, issueId, sentryApi, settings.identity)
        : null,
      afterAnalysis: writeback ? (tx, issueId) => queueWriteback(tx, issueId, writeback) : undefined,
    }),
    reconcileJob({ api: sentryApi, poll: settings.poll }),
    ...(writeback ? [writebackJob(writeback)] : []),
  ]);
}
