import { z } from "zod";
import { ANALYSER_VERSION } from "@/lib/analysis/analyse-issue";
import type { Database } from "@/lib/db/connect";
import { ANALYSE_ISSUE_JOB, countDueJobs, enqueueJob } from "@/lib/db/queries/jobs";
import { queueReanalysisOfStaleIssues } from "@/lib/db/queries/stale-analyses";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";

export const REANALYSE_STALE_JOB = "reanalyse_stale";
const SUBJECT = "analyses";

export type ReanalyseStaleSettings = {
  /** Unresolved issues seen within this many days are re-analysed (SIFT_REANALYSE_ON_UPGRADE_DAYS); 0: none. */
  seenWithinDays: number;
  /** Re-analyses queued a round; a round follows the last one after `everyMs`. Defaults 25 and 5 s. */
  batch?: number;
  everyMs?: number;
};

// At most 5 re-analyses a second, each with its grouping and re-indexing after it: one worker
// keeps up on either database.
const DEFAULT_BATCH = 25;
const DEFAULT_EVERY_MS = 5_000;

export type ReanalyseStaleRound = { queued: number; waited: boolean };

/**
 * One round of re-analysing what an older analyser version analysed: queues, due now, the next
 * `batch` stale issues (most recently seen first), and comes back for the next round while a full
 * batch was found. Rounds queue nothing while a batch's worth of analyses is still due (fresh
 * events' or the last round's), so the re-analyses take only the workers' spare time and an issue's
 * fresh event never waits behind them: it joins the issue's due job if one is queued.
 */
export async function runReanalyseStaleRound(
  db: Database,
  settings: ReanalyseStaleSettings,
  now: Date = new Date(),
): Promise<ReanalyseStaleRound> {
  if (settings.seenWithinDays <= 0) return { queued: 0, waited: false };
  const batch = settings.batch ?? DEFAULT_BATCH;
  const next = () =>
    enqueueJob(db, REANALYSE_STALE_JOB, SUBJECT, {
      runAfter: new Date(now.getTime() + (settings.everyMs ?? DEFAULT_EVERY_MS)),
    });
  if ((await countDueJobs(db, ANALYSE_ISSUE_JOB)) >= batch) {
    await next();
    return { queued: 0, waited: true };
  }
  const queued = await queueReanalysisOfStaleIssues(db, {
    analyserVersion: Number(ANALYSER_VERSION),
    seenWithinDays: settings.seenWithinDays,
    limit: batch,
  });
  if (queued === batch) await next();
  return { queued, waited: false };
}

/**
 * Re-analysis after an upgrade that changes the analyser, as a job kind: every worker that starts
 * queues its first round (one queued at a time, whatever the number of workers), so the issues on
 * call is looking at get the new verdicts without waiting for their next event.
 */
export function reanalyseStaleJob(settings: ReanalyseStaleSettings): JobKind {
  return {
    name: REANALYSE_STALE_JOB,
    subject: z.literal(SUBJECT),
    retry: defaultRetry,
    async onWorkerStart(db) {
      if (settings.seenWithinDays > 0) await enqueueJob(db, REANALYSE_STALE_JOB, SUBJECT);
    },
    run: async ({ db }) => {
      await runReanalyseStaleRound(db, settings);
    },
  };
}
