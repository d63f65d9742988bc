"use client";

import Link from "next/link";
import { ErrorState } from "@/app/_components/error-state";
import { useDocumentTitle } from "@/app/_components/use-document-title";
import { ApiRequestError, errorMessage } from "@/lib/query/api-fetch";
import { useIssue } from "@/lib/query/issues";
import { AlertsCard } from "./alerts-card";
import { AnalysisCard } from "./analysis-card";
import { CommentsCard } from "./comments-card";
import { DuplicateBanner } from "./duplicate-banner";
import { IncidentBanner } from "./incident-banner";
import { IssueActions } from "./issue-actions";
import { IssueDetailSkeleton } from "./issue-detail-skeleton";
import { IssueHeader } from "./issue-header";
import { IssueNotFound } from "./issue-not-found";
import { PriorityCard } from "./priority-card";
import { RecentEvents } from "./recent-events";
import { SeerCard } from "./seer-card";
import { SimilarIssuesCard } from "./similar-issues-card";
import { SimilarPostmortemsCard } from "./similar-postmortems-card";
import { SuspectsCard } from "./suspects-card";
import { TimelineCard } from "./timeline-card";

export function IssueDetail({ issueId }: { issueId: string }) {
  const query = useIssue(issueId);
  useDocumentTitle(issueTabTitle(query.data?.issue, query.error));

  if (query.isPending) return <IssueDetailSkeleton />;

  // 400 means the id isn't even numeric; to a user that is the same as "no such issue".
  if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.status === 400)) {
    return <IssueNotFound />;
  }

  if (!query.data) {
    return (
      <div className="space-y-4">
        <BackLink />
        <ErrorState
          title="Could not load issue"
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </div>
    );
  }

  const {
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
    similarIndexedAt,
    similarPostmortems,
    likelyDuplicateOf,
    ownerBacking,
    feedback,
  } = query.data;
  const latest = (kind: (typeof feedback)[number]["kind"]) => feedback.find((f) => f.kind === kind);
  return (
    <div className="space-y-5">
      <BackLink />
      <IssueHeader issue={issue} />
      <IssueActions issueId={issue.id} status={issue.status} owner={analysis?.owner.owner ?? null} />
      <IncidentBanner issueId={issue.id} incident={incident} latest={latest("incident_root")} />
      <DuplicateBanner
        issueId={issue.id}
        duplicateOf={likelyDuplicateOf}
        similar={similar}
        latest={latest("duplicate_of")}
      />
      {query.isError && (
        <ErrorState
          title="Could not refresh issue"
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
      <AnalysisCard
        issueId={issue.id}
        feedback={feedback}
        analysis={analysis}
        job={analysisJob}
        sentryTotals={{ events: issue.sentryEventCount, users: issue.sentryUserCount }}
        ownerBacking={ownerBacking}
      />
      {analysis && <SuspectsCard suspects={analysis.suspects} />}
      <SimilarIssuesCard similar={similar} indexedAt={similarIndexedAt} />
      <SimilarPostmortemsCard postmortems={similarPostmortems} />
      {analysis?.priority && (
        <PriorityCard issueId={issue.id} priority={analysis.priority} latest={latest("priority")} />
      )}
      <TimelineCard timeline={timeline} />
      <SeerCard runs={seerRuns} />
      <div className="grid gap-5 lg:grid-cols-2">
        <AlertsCard
          rules={alertRules}
          metricAlerts={metricAlerts}
          project={issue.project.slug ?? issue.project.name ?? issue.project.id}
        />
        <CommentsCard comments={comments} />
      </div>
      <RecentEvents events={events} />
    </div>
  );
}

/** "WEB-12 TypeError: … · Sift" once loaded, so a row of issue tabs can be told apart. */
function issueTabTitle(
  issue: { shortId: string | null; id: string; title: string } | undefined,
  error: unknown,
): string | null {
  if (issue) return `${issue.shortId ?? issue.id} ${issue.title} · Sift`;
  if (error instanceof ApiRequestError && (error.status === 404 || error.status === 400)) {
    return "Issue not found · Sift";
  }
  return null;
}

function BackLink() {
  return (
    <Link href="/issues" className="text-xs font-medium text-zinc-500 hover:text-zinc-900">
      ← All issues
    </Link>
  );
}
