import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import type { IssueDetailResponse, IssueListQuery, IssueListResponse } from "@/lib/contracts/issues";
import { apiFetch, retryUnlessClientError } from "./api-fetch";

/** Filters the list can be narrowed by; the cursor is owned by the infinite query, not the caller. */
export type IssueListParams = Partial<Omit<IssueListQuery, "cursor">>;

export const issueKeys = {
  all: ["issues"] as const,
  list: (params: IssueListParams) => [...issueKeys.all, "list", normaliseParams(params)] as const,
  detail: (issueId: string) => [...issueKeys.all, "detail", issueId] as const,
};

/** New webhooks land at any time; on-call wants them without reloading. */
const LIST_REFETCH_MS = 10_000;
/** Analysis is written asynchronously a few seconds after ingest. */
const ANALYSIS_POLL_MS = 2_000;

export function issuesQueryOptions(params: IssueListParams) {
  const normalised = normaliseParams(params);
  return infiniteQueryOptions({
    queryKey: issueKeys.list(normalised),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<IssueListResponse>(`/api/issues?${toSearchParams(normalised, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: LIST_REFETCH_MS,
    retry: retryUnlessClientError,
  });
}

export function issueQueryOptions(issueId: string) {
  return queryOptions({
    queryKey: issueKeys.detail(issueId),
    queryFn: ({ signal }) =>
      apiFetch<IssueDetailResponse>(`/api/issues/${encodeURIComponent(issueId)}`, { signal }),
    // Poll while an analysis is on its way (first one, or a newer one after new events); stop once
    // it is current or has failed for good.
    refetchInterval: (query) => {
      const job = query.state.data?.analysisJob;
      return job && job.status !== "failed" ? ANALYSIS_POLL_MS : false;
    },
    retry: retryUnlessClientError,
  });
}

export function useIssues(params: IssueListParams) {
  // Keep the previous rows on screen while a new search loads, instead of flashing the skeleton per keystroke.
  return useInfiniteQuery({ ...issuesQueryOptions(params), placeholderData: keepPreviousData });
}

export function useIssue(issueId: string) {
  return useQuery(issueQueryOptions(issueId));
}

/**
 * Drop empty filters and the default order, and put the keys in one order, so `{ q: "" }` and `{}`
 * (or the same filters set in another order) share one cache entry.
 */
function normaliseParams(params: IssueListParams): IssueListParams {
  const normalised: Record<string, string | number> = {};
  for (const key of Object.keys(params).sort() as (keyof IssueListParams)[]) {
    const value = params[key];
    const kept = typeof value === "string" ? value.trim() : value;
    if (kept === undefined || kept === "" || (key === "sort" && kept === "lastSeen")) continue;
    normalised[key] = kept;
  }
  return normalised as IssueListParams;
}

function toSearchParams(params: IssueListParams, cursor: string | null): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  if (cursor) search.set("cursor", cursor);
  return search.toString();
}
