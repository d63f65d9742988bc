"use client";

import { useCallback } from "react";
import { ErrorState } from "@/app/_components/error-state";
import { errorMessage } from "@/lib/query/api-fetch";
import { useIssues } from "@/lib/query/issues";
import { CategoryFilter } from "./issue-category-filter";
import { IssueListSkeleton } from "./issue-list-skeleton";
import { PriorityFilter } from "./issue-priority-filter";
import { IssueSearch } from "./issue-search";
import { IssueSort } from "./issue-sort";
import { StatusFilter } from "./issue-status-filter";
import { IssueTable } from "./issue-table";
import { NoIssuesYet, NoMatchingIssues } from "./issues-empty";
import { useIssueFilters } from "./use-issue-filters";

export function IssueList() {
  const { filters, setFilters, isFiltered } = useIssueFilters();
  const query = useIssues(filters);
  // Stable so the search box's debounce timer isn't restarted by every background refetch render.
  const setQ = useCallback((q: string) => setFilters({ q }), [setFilters]);
  const issues = query.data?.pages.flatMap((page) => page.items) ?? [];

  if (query.isPending) return <IssueListSkeleton />;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold text-zinc-900">Issues</h1>
          <span className="text-xs text-zinc-500">
            {query.isFetching && !query.isFetchingNextPage ? "Refreshing…" : `${issues.length} shown · live`}
          </span>
        </div>
        <div className="flex w-full flex-wrap items-center gap-3 sm:w-auto sm:flex-1 sm:flex-nowrap sm:justify-end">
          <IssueSearch value={filters.q ?? ""} onChange={setQ} />
          <StatusFilter value={filters.status} onChange={(status) => setFilters({ status })} />
          <CategoryFilter value={filters.category} onChange={(category) => setFilters({ category })} />
          <PriorityFilter value={filters.priority} onChange={(priority) => setFilters({ priority })} />
          <IssueSort value={filters.sort} onChange={(sort) => setFilters({ sort })} />
        </div>
      </div>

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
        (isFiltered ? (
          <NoMatchingIssues
            onClear={() =>
              setFilters({
                q: undefined,
                status: undefined,
                category: undefined,
                project: undefined,
                priority: undefined,
              })
            }
          />
        ) : (
          <NoIssuesYet />
        ))}

      {issues.length > 0 && (
        <div className={query.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
          <IssueTable issues={issues} />
        </div>
      )}

      {query.hasNextPage && (
        <div className="flex justify-center">
          <button
            type="button"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 disabled:opacity-60"
          >
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}
