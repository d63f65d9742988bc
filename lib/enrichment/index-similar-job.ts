import { z } from "zod";
import { alignedFrames } from "@/lib/analysis/rank-similar-issues";
import { traceInputOf } from "@/lib/analysis/similar-issue-terms";
import { DEFAULT_SIMILARITY, type SimilarityOptions } from "@/lib/analysis/similarity/similarity-index";
import { stackTerms, titleTerms } from "@/lib/analysis/similarity/stack-terms";
import type { Database } from "@/lib/db/connect";
import { listRecentEvents } from "@/lib/db/queries/events";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { replaceSimilarIssues } from "@/lib/db/queries/similar-issues";
import { replaceIssueDocument } from "@/lib/db/queries/similarity-index";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";
import { findSimilarIssues, similarPairs } from "./find-similar-issues";

export const INDEX_SIMILAR_JOB = "index_similar";

/** Matches kept per issue. */
export const SIMILAR_ISSUES_KEPT = 10;

// The newest of these events that has frames stands for the issue (a message-only event may be newest).
const EVENTS_READ = 5;

/**
 * Finds the issues most like this one (searching before it is indexed, so it never finds itself
 * and its own terms do not count in the IDF, as in the benchmark's protocol), then, in one
 * transaction, replaces its terms in the index and its stored matches, adding it to each match's
 * list. Incremental: touches only this issue's postings and its matches' lists.
 */
export async function runIndexSimilarJob(
  db: Database,
  issueId: string,
  options: SimilarityOptions = DEFAULT_SIMILARITY,
): Promise<void> {
  const issue = await getIssueRow(db, issueId);
  if (!issue) throw new Error(`issue ${issueId} does not exist`);
  const events = await listRecentEvents(db, issueId, EVENTS_READ, issue);
  const event = events.find((e) => e.frames.length > 0) ?? events[0];
  const traces = event ? traceInputOf(event) : [];
  const query = { issueId, traces, title: issue.title, firstSeen: issue.firstSeen };
  const found = await findSimilarIssues(db, query, options, SIMILAR_ISSUES_KEPT);
  // Title words are indexed only when they count, as SimilarityIndex.add does.
  const title =
    (options.titleWeight ?? 0) > 0 ? titleTerms(issue.title, options.terms) : new Map<string, number>();
  await db.transaction(async (tx) => {
    await replaceIssueDocument(tx, issueId, {
      projectId: issue.projectId,
      stack: stackTerms(traces, options.terms),
      title,
      frames: alignedFrames(traces),
      spread: options.projectSpread ?? 0,
    });
    await replaceSimilarIssues(tx, issueId, similarPairs(issue, found), SIMILAR_ISSUES_KEPT);
  });
}

/** Similar-issue indexing as a job kind: queued with each analysis, its subject a Sentry issue id. */
export function indexSimilarJob(options: SimilarityOptions = DEFAULT_SIMILARITY): JobKind {
  return {
    name: INDEX_SIMILAR_JOB,
    subject: z.string().regex(/^\d{1,20}$/, "a Sentry issue id"),
    retry: defaultRetry,
    run: ({ db, subjectId }) => runIndexSimilarJob(db, subjectId, options),
  };
}
