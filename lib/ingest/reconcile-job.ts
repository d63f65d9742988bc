import { z } from "zod";
import type { Database } from "@/lib/db/connect";
import { enqueueAnalysis, enqueueJob } from "@/lib/db/queries/jobs";
import { advanceSyncedUntil, getSyncedUntil, SENTRY_ISSUES_SYNC } from "@/lib/db/queries/sync-state";
import { toStorableJson } from "@/lib/db/storable-json";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";
import type { SentryApiClient } from "@/lib/sentry/api-client";
import { rateLimitResetOf } from "@/lib/sentry/api-errors";
import type { SentryIssue } from "@/lib/sentry/webhook-payload";
import { storeIssue } from "./store-issue";

export type ReconcileSettings = {
  /** How often to ask Sentry what changed; the next run is queued when one starts. */
  intervalSeconds: number;
  /** How far back the very first run looks. */
  lookbackHours: number;
  /** Where issues' permalinks may lead (IngestOptions.sentryHosts); absent: sentry.io. */
  sentryHosts?: readonly string[];
};

export type ReconcileResult = { seen: number; changed: number; skipped: number; capped: boolean };

export const RECONCILE_JOB = "reconcile";
export const RECONCILE_SUBJECT = "sentry";
// Sentry's lastSeen and this machine's clock disagree a little, and an event can be indexed a
// little after it is seen: each run looks back this far past the previous one. Re-reading an
// unchanged issue costs nothing but the request.
const OVERLAP_MS = 5 * 60_000;
// 20 pages of 100: more issues changing between two runs than this is an incident of its own;
// the rest are left to webhooks and the warning.
const MAX_PAGES = 20;

/** Stores what Sentry says of one issue and queues its analysis when it is new or was seen again. */
async function reconcileIssue(
  db: Database,
  apiIssue: SentryIssue,
  sentryHosts: readonly string[] | undefined,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { issueId, changed } = await storeIssue(tx, toStorableJson(apiIssue), { sentryHosts });
    if (changed) await enqueueAnalysis(tx, issueId, { minIntervalSeconds: 0 });
    return changed;
  });
}

/**
 * Webhooks are not enough (docs/architecture.md): internal integrations get one delivery attempt, and nothing
 * fires while an open issue keeps spreading. So this asks Sentry for every issue seen since the
 * last run, stores new and changed ones, and queues their analysis, which reads their latest
 * event. The next run is queued first, so a failed run is retried by the next one.
 */
export async function runReconcileJob(
  db: Database,
  api: SentryApiClient,
  settings: ReconcileSettings,
  now: Date,
): Promise<ReconcileResult> {
  await enqueueJob(db, RECONCILE_JOB, RECONCILE_SUBJECT, {
    runAfter: new Date(now.getTime() + settings.intervalSeconds * 1000),
  });
  const syncedUntil = await getSyncedUntil(db, SENTRY_ISSUES_SYNC);
  const from = syncedUntil?.getTime() ?? now.getTime() - settings.lookbackHours * 3_600_000;
  const since = new Date(from - OVERLAP_MS);
  const result: ReconcileResult = { seen: 0, changed: 0, skipped: 0, capped: false };
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { issues, skipped, nextCursor } = await api.listIssuesSeenSince(since, cursor);
    for (const issue of issues) {
      if (await reconcileIssue(db, issue, settings.sentryHosts)) result.changed += 1;
    }
    result.seen += issues.length;
    result.skipped += skipped;
    cursor = nextCursor ?? undefined;
    if (!cursor) break;
  }
  result.capped = cursor !== undefined;
  await advanceSyncedUntil(db, SENTRY_ISSUES_SYNC, now);
  return result;
}

/**
 * The periodic Sentry poll as a job kind. Without an API client or with polling off, a worker
 * queues no poll and lets one queued earlier lapse.
 */
export function reconcileJob(settings: { api: SentryApiClient | null; poll?: ReconcileSettings }): JobKind {
  const { api, poll } = settings;
  return {
    name: RECONCILE_JOB,
    subject: z.literal(RECONCILE_SUBJECT),
    retry: { ...defaultRetry, waitUntil: rateLimitResetOf },
    async onWorkerStart(db) {
      if (api && poll) await enqueueJob(db, RECONCILE_JOB, RECONCILE_SUBJECT);
    },
    async run({ db }) {
      if (!api || !poll) return;
      const result = await runReconcileJob(db, api, poll, new Date());
      if (result.capped || result.skipped > 0) {
        console.warn(
          `[sift worker] Sentry poll: ${result.seen} issues read, ${result.skipped} not understood` +
            (result.capped ? "; stopped at the page limit, older changes are left to webhooks" : ""),
        );
      }
    },
  };
}
