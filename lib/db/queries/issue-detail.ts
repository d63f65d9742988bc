import { issuePostmortemTerms } from "@/lib/analysis/postmortem-terms";
import type { Database } from "../connect";
import { type AlertRuleFired, listAlertRulesFired } from "./alert-triggers";
import { type AnalysisRow, getLatestAnalysis } from "./analyses";
import { type CommentRow, listComments } from "./comments";
import { type EventRow, listRecentEvents } from "./events";
import { type FeedbackRow, listLatestFeedback } from "./feedback";
import { getIssueIncident } from "./incidents";
import { type HourBucket, listHourlyBuckets, timelineWindow } from "./issue-hours";
import { type IssueRef, listIssueRefs } from "./issue-refs";
import { getIssueSummary, type IssueSummary } from "./issues";
import { ANALYSE_ISSUE_JOB, getJobState, type JobState } from "./jobs";
import { listMetricAlertsForProject, type MetricAlertRow } from "./metric-alerts";
import { listSeerRuns, type SeerRunRow } from "./seer-runs";
import { listSimilarIssues, type SimilarIssues } from "./similar-issues";
import { listSimilarPostmortems, type SimilarPostmortemRow } from "./similar-postmortems";

export type IssueDetail = {
  issue: IssueSummary;
  analysis: AnalysisRow | null;
  /** The analysis job when one is pending or failed; null when the analysis shown is current. */
  analysisJob: JobState | null;
  /** Newest first. */
  events: EventRow[];
  /** Not deleted, oldest first. */
  comments: CommentRow[];
  /** Most recently updated first. */
  seerRuns: SeerRunRow[];
  /** Incidents naming the issue's project, newest first. */
  metricAlerts: MetricAlertRow[];
  /** Issue alert rules that fired on its events, most recent first. */
  alertRules: AlertRuleFired[];
  /** The incident the issue is in now, or null when it stands alone. */
  incident: Awaited<ReturnType<typeof getIssueIncident>>;
  /** Every hour of the timeline window (timelineWindow), oldest first. */
  timeline: HourBucket[];
  similar: SimilarIssues;
  /** Post-mortems about failures like this one, best first. */
  similarPostmortems: SimilarPostmortemRow[];
  /** The past issues backing the owner (analysis.owner.backedBy: learned, or a tie broken), in its order. */
  ownerBacking: IssueRef[];
  /** The newest feedback of each kind. */
  feedback: FeedbackRow[];
};

const RECENT_EVENTS = 25;
const COMMENTS = 100;
const SEER_RUNS = 5;
const METRIC_ALERTS = 10;
const ALERT_RULES = 20;
const SIMILAR = 10;
const SIMILAR_POSTMORTEMS = 5;

/** Everything the issue page shows, read in parallel once the issue is known to exist. */
export async function getIssueDetail(
  db: Database,
  issueId: string,
  now: Date = new Date(),
): Promise<IssueDetail | null> {
  const issue = await getIssueSummary(db, issueId);
  if (!issue) return null;
  const slug = issue.project.slug;
  const window = timelineWindow(issue.firstSeen, now);
  const [
    analysis,
    events,
    analysisJob,
    comments,
    seerRuns,
    metricAlerts,
    alertRules,
    incident,
    timeline,
    similar,
    feedback,
  ] = await Promise.all([
    getLatestAnalysis(db, issueId),
    listRecentEvents(db, issueId, RECENT_EVENTS, issue),
    getJobState(db, ANALYSE_ISSUE_JOB, issueId),
    listComments(db, issueId, COMMENTS),
    listSeerRuns(db, issueId, SEER_RUNS),
    slug ? listMetricAlertsForProject(db, slug, METRIC_ALERTS) : [],
    listAlertRulesFired(db, issueId, ALERT_RULES),
    getIssueIncident(db, issueId),
    listHourlyBuckets(db, { issueIds: [issueId], ...window }),
    listSimilarIssues(db, issueId, SIMILAR),
    listLatestFeedback(db, issueId),
  ]);
  // The newest event with frames stands for the issue, as in the similar-issue index.
  const event = events.find((e) => e.frames.length > 0) ?? events[0];
  const postmortemQuery = issuePostmortemTerms({
    issueId,
    shortId: issue.shortId,
    projectSlug: issue.project.slug,
    exceptionType: event?.exceptionType ?? null,
    message: event?.exceptionValue ?? event?.message ?? issue.title,
    frames: event?.frames ?? [],
  });
  const [similarPostmortems, ownerBacking] = await Promise.all([
    listSimilarPostmortems(db, postmortemQuery, SIMILAR_POSTMORTEMS),
    listIssueRefs(db, analysis?.owner.backedBy ?? []),
  ]);
  return {
    issue,
    analysis,
    analysisJob,
    events,
    comments,
    seerRuns,
    metricAlerts,
    alertRules,
    incident,
    timeline,
    similar,
    similarPostmortems,
    ownerBacking,
    feedback,
  };
}
