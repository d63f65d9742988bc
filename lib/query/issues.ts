import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import type { IssueDetailResponse, IssueListResponse } from "@/lib/contracts/issues";
import { apiFetch, retryUnlessClientError } from "./api-fetch";
import { takeAnsweredIssueList, takePrefetchedIssueList } from "./issue-list-prefetch";
import { type IssueListParams, issueListApiPath, normaliseIssueListParams } from "./issue-list-url";

export type { IssueListParams } from "./issue-list-url";

export const issueKeys = {
  all: ["issues"] as const,
  list: (params: IssueListParams) => [...issueKeys.all, "list", normaliseIssueListParams(params)] as const,
  detail: (issueId: string) => [...issueKeys.all, "detail", issueId] as const,
};

/** New webhooks land at any time; on-call wants them without reloading. */
const LIST_REFETCH_MS = 10_000;
/** Analysis is written asynchronously a few seconds after ingest. */
const ANALYSIS_POLL_MS = 2_000;

export function issuesQueryOptions(params: IssueListParams) {
  const normalised = normaliseIssueListParams(params);
  // Filled by initialData, read by initialDataUpdatedAt right after, when the query is first built.
  let answered: ReturnType<typeof takeAnsweredIssueList> = null;
  return infiniteQueryOptions({
    queryKey: issueKeys.list(normalised),
    queryFn: ({ pageParam, signal }) => {
      const path = issueListApiPath(normalised, pageParam);
      const early = pageParam === null ? takePrefetchedIssueList(path) : null;
      // The early request used the stored token as it was; if it failed, ask the usual way, which
      // renews the token first when it must.
      return early
        ? early.catch(() => apiFetch<IssueListResponse>(path, { signal }))
        : apiFetch<IssueListResponse>(path, { signal });
    },
    // The list page's request sent by its first script (./early-list-request.ts), when its answer is
    // already in: the first render shows the rows instead of a skeleton and another tick's wait.
    initialData: () => {
      answered = takeAnsweredIssueList(issueListApiPath(normalised, null));
      return answered ? { pages: [answered.data], pageParams: [null] } : undefined;
    },
    initialDataUpdatedAt: () => answered?.at,
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
