import type { Database } from "@/lib/db/client";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { upsertIssue } from "@/lib/db/queries/issues";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { upsertProject } from "@/lib/db/queries/projects";
import { advanceSyncedUntil, getSyncedUntil, SENTRY_ISSUES_SYNC } from "@/lib/db/queries/sync-state";
import { toStorableJson } from "@/lib/db/storable-json";
import type { SentryApiClient } from "@/lib/sentry/api-client";
import { issueFromSentry } from "@/lib/sentry/to-issue";
import type { SentryIssue } from "@/lib/sentry/webhook-payload";

export type ReconcileSettings = {
  /** How often to ask Sentry what changed; the next run is queued when one starts. */
  intervalSeconds: number;
  /** How far back the very first run looks. */
  lookbackHours: number;
};

export type ReconcileResult = { seen: number; changed: number; skipped: number; capped: boolean };

export const RECONCILE_SUBJECT = "sentry";
// Sentry's lastSeen and this machine's clock disagree a little, and an event can be indexed a
// little after it is seen: each run looks back this far past the previous one. Re-reading an
// unchanged issue costs nothing but the request.
const OVERLAP_MS = 5 * 60_000;
// 20 pages of 100: more issues changing between two runs than this is an incident of its own;
// the rest are left to webhooks and the warning.
const MAX_PAGES = 20;

/** Stores what Sentry says of one issue; true when it is new to Sift or was seen again since. */
async function reconcileIssue(db: Database, apiIssue: SentryIssue): Promise<boolean> {
  const { project, issue } = issueFromSentry(toStorableJson(apiIssue));
  return db.transaction(async (tx) => {
    const before = await getIssueRow(tx, issue.id);
    await upsertProject(tx, project);
    await upsertIssue(tx, issue);
    const changed = !before || issue.lastSeen.getTime() > before.lastSeen.getTime();
    if (changed) await enqueueJob(tx, "analyse_issue", issue.id);
    return changed;
  });
}

/**
 * Webhooks are not enough (DESIGN.md): internal integrations get one delivery attempt, and nothing
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
  await enqueueJob(db, "reconcile", RECONCILE_SUBJECT, {
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
      if (await reconcileIssue(db, issue)) result.changed += 1;
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
