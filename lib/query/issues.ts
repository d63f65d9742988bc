import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import { type IssueListQuery, issueDetailResponse, issueListResponse } from "@/lib/contracts/issues";
import { apiFetch, retryUnlessClientError } from "./api-fetch";

/** Filters the list can be narrowed by; the cursor is owned by the infinite query, not the caller. */
export type IssueListParams = Partial<
  Pick<IssueListQuery, "q" | "project" | "status" | "category" | "priority" | "limit" | "sort">
>;

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
      apiFetch(`/api/issues?${toSearchParams(normalised, pageParam)}`, issueListResponse, { signal }),
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
      apiFetch(`/api/issues/${encodeURIComponent(issueId)}`, issueDetailResponse, { signal }),
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

/** Drop empty filters so `{ q: "" }` and `{}` share one cache entry. */
function normaliseParams(params: IssueListParams): IssueListParams {
  const normalised: IssueListParams = {};
  const q = params.q?.trim();
  const project = params.project?.trim();
  if (q) normalised.q = q;
  if (project) normalised.project = project;
  if (params.status) normalised.status = params.status;
  if (params.category) normalised.category = params.category;
  if (params.priority) normalised.priority = params.priority;
  if (params.sort && params.sort !== "lastSeen") normalised.sort = params.sort;
  if (params.limit) normalised.limit = params.limit;
  return normalised;
}

function toSearchParams(params: IssueListParams, cursor: string | null): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  if (cursor) search.set("cursor", cursor);
  return search.toString();
}
