"use client";

import { Count } from "@/app/_components/count";
import { ErrorState } from "@/app/_components/error-state";
import { RelativeTime } from "@/app/_components/relative-time";
import { Skeleton } from "@/app/_components/skeleton";
import { useDocumentTitle } from "@/app/_components/use-document-title";
import { ApiRequestError, errorMessage } from "@/lib/query/api-fetch";
import { useRelease } from "@/lib/query/pages";
import { IssueQueue } from "../../../_components/issue-queue";
import { BackToIssues, Figure, PageNotFound } from "../../../_components/page-not-found";
import { useQueueFilters } from "../../../_components/queue-filters";

/** What a release changed: the issues it brought, and the fixed ones it brought back. */
export function ReleaseDetail({ release }: { release: string }) {
  const query = useRelease(release);
  const { params, toolbar } = useQueueFilters();
  const notFound = query.error instanceof ApiRequestError && [400, 404].includes(query.error.status);
  useDocumentTitle(notFound ? "Release not found · Sift" : `Release ${release} · Sift`);
  if (notFound) {
    return (
      <PageNotFound title="Release not found">
        <p>
          No stored event carries the release <span className="font-mono break-all">{release}</span>. The link
          may be wrong, or the release has not sent an error yet.
        </p>
      </PageNotFound>
    );
  }
  const summary = query.data;
  return (
    <div className="space-y-5">
      <BackToIssues />
      <header className="space-y-1">
        <span className="text-xs text-zinc-600">Release</span>
        <h1 className="font-mono text-xl font-semibold break-all text-zinc-900">{release}</h1>
        {summary && summary.projects.length > 0 && (
          <p className="text-xs text-zinc-600">
            First seen{" "}
            {summary.projects.map((p, i) => (
              <span key={p.projectId}>
                {i > 0 && ", "}
                <RelativeTime value={p.firstSeen} /> in project {p.projectId}
              </span>
            ))}
          </p>
        )}
      </header>
      {query.isPending ? (
        <Skeleton className="h-16" />
      ) : !summary ? (
        <ErrorState
          title="Could not load release"
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <dl data-testid="release-figures" className="grid grid-cols-3 gap-2">
          <Figure label="New">
            <Count value={summary.newCount} />
          </Figure>
          <Figure label="Regressed">
            <Count value={summary.regressedCount} />
          </Figure>
          <Figure label="With events in it">
            <Count value={summary.issueCount} />
          </Figure>
        </dl>
      )}
      {toolbar}
      <IssueQueue
        title="New in this release"
        count={summary?.newCount}
        params={{ ...params, firstRelease: release }}
        empty="No issue was first seen in this release."
        testId="release-new"
      />
      <IssueQueue
        title="Regressed in this release"
        count={summary?.regressedCount}
        params={{ ...params, regressedIn: release }}
        empty="No issue first seen earlier came back (Sentry's “regressed”) with an event in this release."
        testId="release-regressed"
      />
    </div>
  );
}
