import type { Database } from "../connect";
import { type AnalysisRow, getLatestAnalysis } from "./analyses";
import { type EventRow, listRecentEvents } from "./events";
import { getIssueSummary, type IssueSummary } from "./issues";
import { ANALYSE_ISSUE_JOB, getJobState, type JobState } from "./jobs";

export type IssueDetail = {
  issue: IssueSummary;
  analysis: AnalysisRow | null;
  /** The analysis job when one is pending or failed; null when the analysis shown is current. */
  analysisJob: JobState | null;
  /** Newest first. */
  events: EventRow[];
};

const RECENT_EVENTS = 25;

/** Everything the issue page shows, read in parallel once the issue is known to exist. */
export async function getIssueDetail(db: Database, issueId: string): Promise<IssueDetail | null> {
  const issue = await getIssueSummary(db, issueId);
  if (!issue) return null;
  const [analysis, events, analysisJob] = await Promise.all([
    getLatestAnalysis(db, issueId),
    listRecentEvents(db, issueId, RECENT_EVENTS),
    getJobState(db, ANALYSE_ISSUE_JOB, issueId),
  ]);
  return { issue, analysis, analysisJob, events };
}
