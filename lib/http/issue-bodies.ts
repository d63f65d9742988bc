import type {
  AlertRuleFired,
  Analysis,
  AnalysisJob,
  EventSummary,
  IssueComment,
  IssueDetailResponse,
  IssueFields,
  IssueListResponse,
  MetricAlert,
  SimilarIssue,
} from "@/lib/contracts/issues";
import type { SeerRun } from "@/lib/contracts/seer";
import type { AlertRuleFired as AlertRuleRow } from "@/lib/db/queries/alert-triggers";
import type { AnalysisRow } from "@/lib/db/queries/analyses";
import type { CommentRow } from "@/lib/db/queries/comments";
import type { EventRow } from "@/lib/db/queries/events";
import type { IssueDetail } from "@/lib/db/queries/issue-detail";
import type { HourBucket } from "@/lib/db/queries/issue-hours";
import type { IssueSummary } from "@/lib/db/queries/issues";
import type { JobState } from "@/lib/db/queries/jobs";
import type { MetricAlertRow } from "@/lib/db/queries/metric-alerts";
import type { SeerRunRow } from "@/lib/db/queries/seer-runs";
import type { SimilarIssueRow } from "@/lib/db/queries/similar-issues";
import { toFeedbackItem } from "./model-bodies";

// The one place where rows become response bodies (lib/contracts describes them): dates become
// ISO strings, and names the API has kept since before the rows changed stay as they were.

const iso = (date: Date | string) => new Date(date).toISOString();
const isoOrNull = (date: Date | null) => (date ? iso(date) : null);

const tierNames = ["P0", "P1", "P2", "P3"] as const;

export function toIssueFields(row: IssueSummary): IssueFields {
  return {
    id: row.id,
    shortId: row.shortId,
    title: row.title,
    culprit: row.culprit,
    project: row.project,
    level: row.level,
    status: row.status,
    substatus: row.substatus,
    platform: row.platform,
    firstSeen: iso(row.firstSeen),
    lastSeen: iso(row.lastSeen),
    eventCount: row.eventCount,
    userCount: row.userCount,
    tenantCount: row.tenantCount,
    sentryEventCount: row.sentryCount,
    sentryUserCount: row.sentryUserCount,
    owner: row.analysis?.owner ?? null,
    summary: row.analysis?.summary ?? null,
    category: row.analysis?.category ?? null,
    analysedAt: row.analysis ? iso(row.analysis.createdAt) : null,
    priority: row.priorityTier === null ? null : (tierNames[row.priorityTier] ?? null),
    likelyDuplicateOfId: row.likelyDuplicateOfId,
    firstRelease: row.firstRelease,
  };
}

/** A page of the list; `lastDay` holds each issue's events per hour for its sparkline. */
export function toIssueListBody(
  page: { items: IssueSummary[]; nextCursor: string | null },
  lastDay: Map<string, number[]>,
): IssueListResponse {
  return {
    items: page.items.map((row) => ({ ...toIssueFields(row), lastDay: lastDay.get(row.id) ?? [] })),
    nextCursor: page.nextCursor,
  };
}

function toAnalysis(row: AnalysisRow): Analysis {
  return {
    version: row.version,
    analyserVersion: row.analyserVersion,
    summary: row.summary,
    owner: row.owner,
    blastRadius: row.blastRadius,
    inAppFrames: row.inAppFrames,
    suspects: row.suspects,
    category: row.category,
    priority: row.priority,
    summaryFacts: row.summaryFacts,
    createdAt: iso(row.createdAt),
  };
}

const toAnalysisJob = (job: JobState): AnalysisJob => ({ ...job, runAfter: iso(job.runAfter) });

function toEventSummary(event: EventRow): EventSummary {
  return {
    id: event.id,
    occurredAt: iso(event.occurredAt),
    userId: event.userId,
    tenantId: event.tenantId,
    roles: event.roles,
    release: event.release,
    environment: event.environment,
    traceId: event.traceId,
    url: event.url,
    exceptionType: event.exceptionType,
    exceptionValue: event.exceptionValue,
    message: event.message,
  };
}

function toComment(row: CommentRow): IssueComment {
  return {
    id: row.commentId,
    text: row.text ?? "",
    author:
      row.authorType && row.authorId
        ? { type: row.authorType, id: row.authorId, name: row.authorName }
        : null,
    own: row.own,
    createdAt: iso(row.createdAt),
    editedAt: isoOrNull(row.editedAt),
  };
}

function toSeerRun(row: SeerRunRow): SeerRun {
  return {
    runId: row.runId,
    stages: row.stages,
    rootCause: row.rootCause,
    solution: row.solution,
    changes: row.changes ?? [],
    pullRequests: row.pullRequests ?? [],
    updatedAt: iso(row.updatedAt),
  };
}

function toMetricAlert(row: MetricAlertRow): MetricAlert {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    ruleName: row.ruleName,
    projects: row.projects,
    webUrl: row.webUrl,
    description: row.description,
    dateStarted: isoOrNull(row.dateStarted),
    dateClosed: isoOrNull(row.dateClosed),
  };
}

const toAlertRuleFired = (row: AlertRuleRow): AlertRuleFired => ({
  ...row,
  lastTriggeredAt: iso(row.lastTriggeredAt),
});

function toSimilarIssue(row: SimilarIssueRow): SimilarIssue {
  return {
    issueId: row.issueId,
    title: row.title,
    projectId: row.projectId,
    projectSlug: row.projectSlug,
    status: row.status,
    score: row.score,
    why: row.why,
    resolution: {
      status: row.status,
      ...(row.status === "resolved" && row.resolvedAt ? { resolvedAt: iso(row.resolvedAt) } : {}),
      ...(row.note ? { note: row.note } : {}),
      ...(row.status === "resolved" && row.resolvedInRelease ? { release: row.resolvedInRelease } : {}),
      ...(row.postmortem ? { postmortem: row.postmortem } : {}),
    },
  };
}

export function toIssueDetailBody(detail: IssueDetail): IssueDetailResponse {
  const { issue } = detail;
  return {
    issue: {
      ...toIssueFields(issue),
      permalink: issue.permalink,
      assignee:
        issue.assigneeType && issue.assigneeId
          ? { type: issue.assigneeType, id: issue.assigneeId, name: issue.assigneeName }
          : null,
    },
    analysis: detail.analysis && toAnalysis(detail.analysis),
    analysisJob: detail.analysisJob && toAnalysisJob(detail.analysisJob),
    events: detail.events.map(toEventSummary),
    comments: detail.comments.map(toComment),
    seerRuns: detail.seerRuns.map(toSeerRun),
    metricAlerts: detail.metricAlerts.map(toMetricAlert),
    alertRules: detail.alertRules.map(toAlertRuleFired),
    incident: detail.incident && {
      id: String(detail.incident.id),
      title: detail.incident.title,
      rootIssueId: detail.incident.rootIssueId,
      issueCount: detail.incident.issueCount,
      role: detail.incident.rootIssueId === issue.id ? "root" : "symptom",
    },
    timeline: detail.timeline.map((bucket: HourBucket) => ({ ...bucket, hour: iso(bucket.hour) })),
    activeTenantShare: detail.analysis?.priority?.activeTenantShare ?? null,
    similar: detail.similar.items.map(toSimilarIssue),
    similarIndexedAt: isoOrNull(detail.similar.indexedAt),
    similarPostmortems: detail.similarPostmortems.map((row) => ({
      id: row.id,
      title: row.title,
      occurredOn: row.occurredOn,
      createdAt: iso(row.createdAt),
      score: row.score,
      why: row.why,
    })),
    likelyDuplicateOf: likelyDuplicateOf(detail.similar.items),
    ownerBacking: detail.ownerBacking.map(({ id, shortId, title }) => ({ issueId: id, shortId, title })),
    feedback: detail.feedback.map(toFeedbackItem),
  };
}

function likelyDuplicateOf(items: SimilarIssueRow[]): IssueDetailResponse["likelyDuplicateOf"] {
  const match = items.find((item) => item.duplicate);
  return match ? { issueId: match.issueId, title: match.title, score: match.score } : null;
}
