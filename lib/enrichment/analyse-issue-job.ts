import { analyseIssue } from "@/lib/analysis/analyse-issue";
import type { IdentityOptions } from "@/lib/analysis/identity";
import type { OwnershipRule } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/client";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { listIssueIdentities, listRecentEvents } from "@/lib/db/queries/events";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import type { SentryApiClient } from "@/lib/sentry/api-client";
import { storeLatestEventFromSentry } from "./fetch-latest-event";
import type { ReconcileSettings } from "./reconcile-job";

export type AnalysisSettings = IdentityOptions & {
  rules: OwnershipRule[];
  fallbackOwner: string;
  /**
   * Reads the latest event of an issue whose stored events are missing or behind its lastSeen,
   * and polls for issues webhooks missed; null analyses only what webhooks brought.
   */
  sentryApi: SentryApiClient | null;
  /** The periodic poll of Sentry's issues (needs sentryApi); absent: no polling. */
  reconcile?: ReconcileSettings;
};

// Webhook events carry their own timestamp and Sentry's lastSeen its own clock; only a gap larger
// than this means events were missed (they came by issue.* webhooks or the poll, not error.created).
const MISSED_EVENTS_GAP_MS = 60_000;

// Full events (frames, tags) for owner and frames; the blast radius reads the identity rollup.
const RECENT_EVENTS = 50;

/**
 * Loads what the pure analysis needs, runs it and stores the result as the issue's next version.
 * An issue with no stored event (it came by `issue.created`), or whose newest stored event is well
 * behind its lastSeen, first gets its latest event from Sentry's API when a client is configured;
 * a SentryRateLimitError from that read propagates.
 */
export async function runAnalyseIssueJob(
  db: Database,
  issueId: string,
  settings: AnalysisSettings,
): Promise<void> {
  const issue = await getIssueRow(db, issueId);
  if (!issue) throw new Error(`issue ${issueId} does not exist`);
  const load = () =>
    Promise.all([listRecentEvents(db, issueId, RECENT_EVENTS), listIssueIdentities(db, issueId)]);
  let [recent, identities] = await load();
  const newest = recent[0]?.occurredAt.getTime();
  const behind = newest === undefined || issue.lastSeen.getTime() - newest > MISSED_EVENTS_GAP_MS;
  if (behind && settings.sentryApi) {
    if (await storeLatestEventFromSentry(db, issueId, settings.sentryApi, settings)) {
      [recent, identities] = await load();
    }
  }
  const result = analyseIssue({
    issue: { title: issue.title, culprit: issue.culprit, level: issue.level, platform: issue.platform },
    events: recent.map((e) => ({
      userId: e.userId,
      tenantId: e.tenantId,
      roles: e.roles,
      tags: e.tags,
      url: e.url,
      frames: e.frames,
    })),
    identities,
    rules: settings.rules,
    fallbackOwner: settings.fallbackOwner,
  });
  await insertAnalysis(db, {
    issueId,
    analyserVersion: result.analyserVersion,
    summary: result.summary,
    owner: result.owner,
    blastRadius: result.blastRadius,
    inAppFrames: result.inAppFrames,
  });
}
