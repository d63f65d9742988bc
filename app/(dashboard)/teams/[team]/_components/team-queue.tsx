"use client";

import { Count } from "@/app/_components/count";
import { ErrorState } from "@/app/_components/error-state";
import { Skeleton } from "@/app/_components/skeleton";
import { useDocumentTitle } from "@/app/_components/use-document-title";
import { ApiRequestError, errorMessage } from "@/lib/query/api-fetch";
import { useTeam } from "@/lib/query/pages";
import { IssuesByStatus } from "../../../_components/issue-queue";
import { BackToIssues, Figure, PageNotFound } from "../../../_components/page-not-found";
import { useQueueFilters } from "../../../_components/queue-filters";

/** One team's queue: the issues the newest analysis gave it, open first, worst first. */
export function TeamQueue({ team }: { team: string }) {
  const query = useTeam(team);
  const { params, toolbar } = useQueueFilters();
  const notFound = query.error instanceof ApiRequestError && [400, 404].includes(query.error.status);
  const owner = query.data?.owner;
  useDocumentTitle(notFound ? "Team not found · Sift" : `${owner ?? team} queue · Sift`);
  if (notFound) {
    return (
      <PageNotFound title="Team not found">
        <p>
          No analysis names <span className="font-mono break-all">{team}</span> as an owner, and no ownership
          rule does. Owners come from SIFT_OWNERSHIP_RULES and from the teams issues are assigned to in
          Sentry.
        </p>
      </PageNotFound>
    );
  }
  return (
    <div className="space-y-5">
      <BackToIssues />
      <header className="space-y-1">
        <span className="text-xs text-zinc-600">Team queue</span>
        <h1 className="break-all text-xl font-semibold text-zinc-900">{owner ?? team}</h1>
        {query.data && (
          <p className="text-xs text-zinc-600">
            {query.data.inRules ? "Named by the ownership rules." : "Named by analyses, not by a rule."} Owner
            as the newest analysis of each issue names it.
          </p>
        )}
      </header>
      {query.isPending ? (
        <Skeleton className="h-16" />
      ) : !query.data ? (
        <ErrorState
          title="Could not load team"
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <dl data-testid="team-figures" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <Figure label="Open">
            <Count value={query.data.counts.open} />
          </Figure>
          <Figure label="Resolved">
            <Count value={query.data.counts.resolved} />
          </Figure>
          <Figure label="Ignored">
            <Count value={query.data.counts.ignored} />
          </Figure>
          <Figure label="All">
            <Count value={query.data.counts.total} />
          </Figure>
        </dl>
      )}
      {toolbar}
      {owner && (
        <IssuesByStatus params={{ ...params, owner }} counts={query.data?.counts} noun="for this team" />
      )}
    </div>
  );
}
