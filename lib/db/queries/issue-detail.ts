import type { Database } from "../connect";
import type { BlastRadius, OwnerVerdict, StoredFrame } from "../schema";
import { getLatestAnalysis } from "./analyses";
import { listRecentEvents } from "./events";
import { getIssueSummary, type IssueSummaryRow } from "./issues";
import { getJobState } from "./jobs";

export type IssueDetail = {
  issue: IssueSummaryRow;
  analysis: {
    version: number;
    analyserVersion: string;
    summary: string;
    owner: OwnerVerdict;
    blastRadius: BlastRadius;
    inAppFrames: StoredFrame[];
    createdAt: string;
  } | null;
  /** The analysis job when one is pending or failed; null when the analysis shown is current. */
  analysisJob: {
    status: "queued" | "running" | "failed";
    attempts: number;
    lastError: string | null;
    runAfter: string;
  } | null;
  events: {
    id: string;
    occurredAt: string;
    userId: string | null;
    tenantId: string | null;
    roles: string[];
    release: string | null;
    environment: string | null;
    traceId: string | null;
    url: string | null;
    exceptionType: string | null;
    exceptionValue: string | null;
    message: string | null;
  }[];
};

const RECENT_EVENTS = 25;

export async function getIssueDetail(db: Database, issueId: string): Promise<IssueDetail | null> {
  const issue = await getIssueSummary(db, issueId);
  if (!issue) return null;
  const [analysis, events, job] = await Promise.all([
    getLatestAnalysis(db, issueId),
    listRecentEvents(db, issueId, RECENT_EVENTS),
    getJobState(db, "analyse_issue", issueId),
  ]);
  return {
    issue,
    analysis: analysis && {
      version: analysis.version,
      analyserVersion: analysis.analyserVersion,
      summary: analysis.summary,
      owner: analysis.owner,
      blastRadius: analysis.blastRadius,
      inAppFrames: analysis.inAppFrames,
      createdAt: analysis.createdAt.toISOString(),
    },
    analysisJob: job && { ...job, runAfter: job.runAfter.toISOString() },
    events: events.map((e) => ({
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      userId: e.userId,
      tenantId: e.tenantId,
      roles: e.roles,
      release: e.release,
      environment: e.environment,
      traceId: e.traceId,
      url: e.url,
      exceptionType: e.exceptionType,
      exceptionValue: e.exceptionValue,
      message: e.message,
    })),
  };
}
