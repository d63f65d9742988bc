import { z } from "zod";
import { analyseIssue } from "@/lib/analysis/analyse-issue";
import type { OwnershipRule } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { listIssueIdentities, listRecentEvents } from "@/lib/db/queries/events";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { ANALYSE_ISSUE_JOB, enqueueJob } from "@/lib/db/queries/jobs";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";
import { wakeWorkers } from "@/lib/jobs/wake";
import { rateLimitResetOf } from "@/lib/sentry/api-errors";
import { type FetchReleaseCommits, findSuspects } from "./find-suspects";
import { GROUP_INCIDENT_JOB } from "./group-incident-job";

export type AnalysisSettings = {
  rules: OwnershipRule[];
  fallbackOwner: string;
  /**
   * Stores the issue's latest event from Sentry when its stored events are missing or behind its
   * lastSeen; returns whether a row was written. Null analyses only what webhooks brought. Handed
   * in by whoever starts the worker, since reading Sentry into rows is ingest's work.
   */
  fetchLatestEvent: ((db: Database, issueId: string) => Promise<boolean>) | null;
  /** Stores the suspect release's commits from Sentry when none are stored; absent: only imported ones. */
  fetchReleaseCommits?: FetchReleaseCommits | null;
  /**
   * Runs in the transaction that stores the analysis, e.g. to queue its write-back to Sentry:
   * either both are committed or neither. Handed in by whoever starts the worker.
   */
  afterAnalysis?: (tx: Database, issueId: string) => Promise<void>;
};

// Webhook events carry their own timestamp and Sentry's lastSeen its own clock; only a gap larger
// than this means events were missed (they came by issue.* webhooks or the poll, not error.created).
const MISSED_EVENTS_GAP_MS = 60_000;

// Full events (frames, tags) for owner and frames; the blast radius reads the identity rollup.
const RECENT_EVENTS = 50;

/**
 * Loads what the pure analysis needs, runs it and stores the result as the issue's next version.
 * An issue with no stored event (it came by `issue.created`), or whose newest stored event is well
 * behind its lastSeen, first gets its latest event from Sentry when fetchLatestEvent is given; a
 * SentryRateLimitError from that read propagates. Suspect commits are ranked from the stored
 * commits, after fetchReleaseCommits (when given) stores the suspect release's from Sentry.
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
  if (behind && settings.fetchLatestEvent) {
    if (await settings.fetchLatestEvent(db, issueId)) {
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
      exceptionType: e.exceptionType,
      exceptionValue: e.exceptionValue,
      message: e.message,
    })),
    identities,
    rules: settings.rules,
    fallbackOwner: settings.fallbackOwner,
  });
  const suspects = await findSuspects(db, issue, result.inAppFrames, settings.fetchReleaseCommits ?? null);
  await db.transaction(async (tx) => {
    await insertAnalysis(tx, {
      issueId,
      analyserVersion: result.analyserVersion,
      summary: result.summary,
      owner: result.owner,
      blastRadius: result.blastRadius,
      inAppFrames: result.inAppFrames,
      suspects,
      category: result.category,
    });
    // New events may link the issue to others: its incident is regrouped with every analysis.
    await enqueueJob(tx, GROUP_INCIDENT_JOB, issueId);
    await settings.afterAnalysis?.(tx, issueId);
  });
  wakeWorkers();
}

/** The analysis as a job kind: its subject is a Sentry issue id; a Sentry rate limit defers it. */
export function analyseIssueJob(settings: AnalysisSettings): JobKind {
  return {
    name: ANALYSE_ISSUE_JOB,
    subject: z.string().regex(/^\d{1,20}$/, "a Sentry issue id"),
    retry: { ...defaultRetry, waitUntil: rateLimitResetOf },
    run: ({ db, subjectId }) => runAnalyseIssueJob(db, subjectId, settings),
  };
}
