import type {
  Analysis,
  AnalysisJob,
  EventSummary,
  IssueDetailResponse,
  IssueListItem,
  IssueListResponse,
} from "@/lib/contracts/issues";
import type { AnalysisRow } from "@/lib/db/queries/analyses";
import type { EventRow } from "@/lib/db/queries/events";
import type { IssueDetail } from "@/lib/db/queries/issue-detail";
import type { IssueSummary } from "@/lib/db/queries/issues";
import type { JobState } from "@/lib/db/queries/jobs";

// The one place where rows become response bodies (lib/contracts describes them): dates become
// ISO strings, and names the API has kept since before the rows changed stay as they were.

const iso = (date: Date | string) => new Date(date).toISOString();

export function toIssueListItem(row: IssueSummary): IssueListItem {
  return {
    id: row.id,
    shortId: row.shortId,
    title: row.title,
    culprit: row.culprit,
    project: row.project,
    level: row.level,
    status: row.status,
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
    analysedAt: row.analysis ? iso(row.analysis.createdAt) : null,
  };
}

export function toIssueListBody(page: {
  items: IssueSummary[];
  nextCursor: string | null;
}): IssueListResponse {
  return { items: page.items.map(toIssueListItem), nextCursor: page.nextCursor };
}

function toAnalysis(row: AnalysisRow): Analysis {
  return {
    version: row.version,
    analyserVersion: row.analyserVersion,
    summary: row.summary,
    owner: row.owner,
    blastRadius: row.blastRadius,
    inAppFrames: row.inAppFrames,
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

export function toIssueDetailBody(detail: IssueDetail): IssueDetailResponse {
  return {
    issue: { ...toIssueListItem(detail.issue), permalink: detail.issue.permalink },
    analysis: detail.analysis && toAnalysis(detail.analysis),
    analysisJob: detail.analysisJob && toAnalysisJob(detail.analysisJob),
    events: detail.events.map(toEventSummary),
  };
}
