"use client";

import { useCallback, useMemo } from "react";
import { ErrorState } from "@/app/_components/error-state";
import { useDocumentTitle } from "@/app/_components/use-document-title";
import { errorMessage } from "@/lib/query/api-fetch";
import { useIssues } from "@/lib/query/issues";
import { IssueListSkeleton } from "./issue-list-skeleton";
import { IssueListStatus } from "./issue-list-status";
import { SEARCH_ID } from "./issue-search";
import { IssueCards, IssueTable } from "./issue-table";
import { IssueToolbar } from "./issue-toolbar";
import { NoIssuesYet, NoMatchingIssues } from "./issues-empty";
import { useIssueFilters } from "./use-issue-filters";
import { useListKeyboard } from "./use-list-keyboard";
import { useMediaQuery } from "./use-media-query";
import { useNewArrivals } from "./use-new-arrivals";

/** Below this width the table would scroll sideways; one card per issue instead. */
const NARROW = "(max-width: 1023px)";

export function IssueList() {
  const { filters, setFilters, clearFilters, isFiltered } = useIssueFilters();
  const query = useIssues(filters);
  const narrow = useMediaQuery(NARROW);
  useListKeyboard(SEARCH_ID);

  const pages = query.data?.pages ?? [];
  const issues = pages.flatMap((page) => page.items);
  const { arrivals, markSeen } = useNewArrivals({
    view: JSON.stringify(filters),
    firstPageIds: pages[0]?.items.map((issue) => issue.id) ?? [],
    laterIds: pages.slice(1).flatMap((page) => page.items.map((issue) => issue.id)),
    ready: Boolean(query.data) && !query.isPlaceholderData,
  });
  const shownArrivals = issues.filter((issue) => arrivals.has(issue.id)).length;
  useDocumentTitle(shownArrivals > 0 ? `(${shownArrivals}) Issues · Sift` : "Issues · Sift");

  const searchParams = useMemo(() => new URLSearchParams(filters as Record<string, string>), [filters]);
  const projectHref = useCallback(
    (project: string) => {
      const next = new URLSearchParams(searchParams);
      next.set("project", project);
      return `/issues?${next.toString()}`;
    },
    [searchParams],
  );

  if (query.isPending) return <IssueListSkeleton />;

  return (
    <div className="space-y-3">
      <IssueToolbar filters={filters} setFilters={setFilters} clearFilters={clearFilters} />
      <IssueListStatus
        shown={issues.length}
        state={
          query.isError ? "error" : query.isFetching && !query.isFetchingNextPage ? "refreshing" : "live"
        }
        hasData={issues.length > 0}
        arrivals={shownArrivals}
        onMarkSeen={markSeen}
      />

      {/* Keep stale rows visible when a background refresh fails; only replace the page if we have nothing. */}
      {query.isError && (
        <ErrorState
          title={query.data ? "Could not refresh issues" : "Could not load issues"}
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}

      {query.data &&
        issues.length === 0 &&
        !query.isPlaceholderData &&
        (isFiltered ? <NoMatchingIssues onClear={clearFilters} /> : <NoIssuesYet />)}

      {issues.length > 0 && (
        <div className={query.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
          {narrow ? (
            <IssueCards issues={issues} arrivals={arrivals} projectHref={projectHref} />
          ) : (
            <IssueTable issues={issues} arrivals={arrivals} projectHref={projectHref} />
          )}
        </div>
      )}

      {query.hasNextPage && (
        <div className="flex justify-center">
          <button
            type="button"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 disabled:opacity-60"
          >
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}
