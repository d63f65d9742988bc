import type { IdentityOptions } from "@/lib/analysis/identity";
import type { OwnershipRule, TenantTier } from "@/lib/analysis/types";
import { analyseIssueJob } from "@/lib/enrichment/analyse-issue-job";
import { groupIncidentJob } from "@/lib/enrichment/group-incident-job";
import { indexSimilarJob } from "@/lib/enrichment/index-similar-job";
import { reanalyseStaleJob } from "@/lib/enrichment/reanalyse-stale-job";
import { eventPartitionsJob } from "@/lib/ingest/event-partitions-job";
import { storeLatestEventFromSentry } from "@/lib/ingest/fetch-latest-event";
import { storeReleaseCommitsFromSentry } from "@/lib/ingest/fetch-release-commits";
import { type ReconcileSettings, reconcileJob } from "@/lib/ingest/reconcile-job";
import { type StoreDeliverySettings, storeDeliveryJob } from "@/lib/ingest/store-delivery-job";
import { storeIssue } from "@/lib/ingest/store-issue";
import { exchangeGrantJob } from "@/lib/installations/exchange-grant-job";
import type { PublicIntegration } from "@/lib/installations/public-integration";
import { createSentryClientResolver } from "@/lib/installations/sentry-client-for-issue";
import { createJobRegistry, type JobRegistry } from "@/lib/jobs/job-registry";
import { createSummaryRephraser, type LlmSettings } from "@/lib/llm/rephrase-summary";
import type { SentryApiClient } from "@/lib/sentry/api-client";
import { issueActionJob } from "@/lib/writeback/issue-action-job";
import { queueWriteback, type WritebackSettings, writebackJob } from "@/lib/writeback/writeback-job";

export type WorkerSettings = {
  rules: OwnershipRule[];
  fallbackOwner: string;
  /** High-value tenants by tier, and the days a tenant stays active, for the priority. */
  tenantTiers?: ReadonlyMap<string, TenantTier>;
  activeTenantDays?: number;
  /** Recent open issues an older analyser analysed are re-analysed when a worker starts; absent: never. */
  reanalyseOnUpgradeDays?: number;
  /** Where tenant and roles are read from in fetched events: the same keys as ingest's. */
  identity: IdentityOptions;
  /**
   * The internal integration's client (SENTRY_API_TOKEN): reads latest events of its organisation's
   * issues and polls for missed ones; null works only from what webhooks and installations bring.
   */
  sentryApi: SentryApiClient | null;
  /**
   * The public integration (SENTRY_CLIENT_ID): each installing organisation's issues are read and
   * written with that installation's token. Null: not configured; `{ error }`: configured wrongly.
   */
  publicIntegration?: PublicIntegration | null;
  /** The periodic poll of Sentry's issues (internal integration only); absent: no polling. */
  poll?: ReconcileSettings;
  /** The language model that may rephrase summaries (LLM_BASE_URL); absent or null: never. */
  llm?: LlmSettings | null;
  /**
   * How events recorded by the webhook are stored by their job: the webhook's own settings.
   * Absent: the identity keys above, no app id, no public integration, sentry.io links.
   */
  ingest?: StoreDeliverySettings;
  /** Writing analyses back to Sentry (needs a client for the issue); absent: never. */
  writeback?: Omit<WritebackSettings, "clientFor">;
  /** Events are deleted this many days after they occurred (SIFT_RETENTION_DAYS); absent or null: never. */
  eventRetentionDays?: number | null;
};

const DEFAULT_ACTION_ATTEMPTS = 8;

/**
 * Every job kind Sift runs, each given only the settings it needs. The web process's in-process
 * worker and `npm run worker` both start from this list: a new kind is one file and one line here.
 */
export function buildJobKinds(settings: WorkerSettings): JobRegistry {
  const { sentryApi } = settings;
  const publicIntegration = settings.publicIntegration ?? null;
  const clientFor = createSentryClientResolver({ internal: sentryApi, publicIntegration });
  const anyApi = Boolean(sentryApi || publicIntegration);
  const writeback = anyApi && settings.writeback ? { ...settings.writeback, clientFor } : null;
  return createJobRegistry([
    storeDeliveryJob(settings.ingest ?? { ...settings.identity, appId: null }),
    analyseIssueJob({
      rules: settings.rules,
      fallbackOwner: settings.fallbackOwner,
      tenantTiers: settings.tenantTiers,
      activeTenantDays: settings.activeTenantDays,
      fetchLatestEvent: anyApi
        ? async (db, issueId) => {
            const client = await clientFor(db, issueId);
            return client ? storeLatestEventFromSentry(db, issueId, client, settings.identity) : false;
          }
        : null,
      fetchReleaseCommits: anyApi
        ? async (db, issueId, release) => {
            const client = await clientFor(db, issueId);
            if (client) await storeReleaseCommitsFromSentry(db, release, client);
          }
        : null,
      rephraseSummary: settings.llm ? createSummaryRephraser(settings.llm) : null,
      afterAnalysis: writeback ? (tx, issueId) => queueWriteback(tx, issueId, writeback) : undefined,
    }),
    groupIncidentJob(),
    indexSimilarJob(),
    reanalyseStaleJob({ seenWithinDays: settings.reanalyseOnUpgradeDays ?? 0 }),
    reconcileJob({ api: sentryApi, poll: settings.poll }),
    ...(writeback ? [writebackJob(writeback)] : []),
    // Always registered: with no token the route refuses new actions, and older ones end as failed.
    issueActionJob({
      clientFor,
      maxAttempts: settings.writeback?.maxAttempts ?? DEFAULT_ACTION_ATTEMPTS,
      mirror: (db, issue, as) => storeIssue(db, issue, as),
    }),
    exchangeGrantJob(publicIntegration),
    eventPartitionsJob({ retentionDays: settings.eventRetentionDays ?? null }),
  ]);
}
