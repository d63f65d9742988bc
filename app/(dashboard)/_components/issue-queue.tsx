"use client";

import { useState } from "react";
import { ErrorState } from "@/app/_components/error-state";
import { SectionCard } from "@/app/_components/section-card";
import { Skeleton } from "@/app/_components/skeleton";
import { errorMessage } from "@/lib/query/api-fetch";
import { type IssueListParams, useIssues } from "@/lib/query/issues";
import { IssueCard } from "../issues/_components/issue-card";

const projectHref = (project: string) => `/issues?project=${encodeURIComponent(project)}`;

/**
 * One page of GET /api/issues narrowed by `params` (a tenant, an owner, a release), as cards that
 * fit any width, with "Show more" walking the list's keyset cursor: the tenant, team and release
 * pages read the same list query as the issue list, never one of their own.
 */
export function IssueQueue({
  title,
  count,
  params,
  empty,
  testId,
}: {
  title: string;
  /** The total from the page's own summary, when it has one. */
  count?: number;
  params: IssueListParams;
  empty: string;
  testId: string;
}) {
  const query = useIssues({ limit: 25, ...params });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <SectionCard
      title={count === undefined ? title : `${title} (${count})`}
      aside={
        query.data ? <span className="text-xs text-zinc-600">{items.length} shown · updates live</span> : null
      }
    >
      <div data-testid={testId}>
        {query.isPending ? (
          <div aria-busy="true" className="space-y-2">
            <Skeleton className="h-20" />
            <Skeleton className="h-20" />
          </div>
        ) : !query.data ? (
          <ErrorState
            title="Could not load issues"
            message={errorMessage(query.error)}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        ) : items.length === 0 ? (
          <p className="text-sm text-zinc-600">{empty}</p>
        ) : (
          <>
            <ul className="grid grid-cols-1 gap-2 lg:grid-cols-2">
              {items.map((issue) => (
                <IssueCard key={issue.id} issue={issue} arrived={false} projectHref={projectHref} />
              ))}
            </ul>
            {query.hasNextPage && (
              <button
                type="button"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                className="mt-3 rounded-md border border-zinc-300 px-3 py-1.5 text-sm text-zinc-800 hover:bg-zinc-50 disabled:opacity-60"
              >
                {query.isFetchingNextPage ? "Loading…" : "Show more"}
              </button>
            )}
          </>
        )}
      </div>
    </SectionCard>
  );
}

/**
 * Open issues first, in full; resolved and ignored ones behind a disclosure that loads them only
 * when opened, so the page asks for what on-call acts on and nothing more.
 */
export function IssuesByStatus({
  params,
  counts,
  noun,
}: {
  params: IssueListParams;
  /** Totals where the page's summary has them; a section without one shows only what it loaded. */
  counts?: { open?: number; resolved?: number; ignored?: number };
  noun: string;
}) {
  return (
    <div className="space-y-3">
      <IssueQueue
        title="Open issues"
        count={counts?.open}
        params={{ ...params, status: "unresolved" }}
        empty={`No open issues ${noun}.`}
        testId="queue-open"
      />
      <ClosedIssues status="resolved" params={params} count={counts?.resolved} noun={noun} />
      <ClosedIssues status="ignored" params={params} count={counts?.ignored} noun={noun} />
    </div>
  );
}

function ClosedIssues({
  status,
  params,
  count,
  noun,
}: {
  status: "resolved" | "ignored";
  params: IssueListParams;
  count?: number;
  noun: string;
}) {
  const [open, setOpen] = useState(false);
  const label = status === "resolved" ? "Resolved issues" : "Ignored issues";
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer rounded-md px-1 py-1 text-sm font-medium text-zinc-800 hover:text-zinc-950">
        {label}
        {count === undefined ? "" : ` (${count})`}
      </summary>
      {open && (
        <div className="mt-2">
          <IssueQueue
            title={label}
            params={{ ...params, status }}
            empty={`No ${status} issues ${noun}.`}
            testId={`queue-${status}`}
          />
        </div>
      )}
    </details>
  );
}
