"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { issueListQuery } from "@/lib/contracts/issues";
import type { IssueListParams } from "@/lib/query/issues";

export type IssueStatusFilter = NonNullable<IssueListParams["status"]>;
export const ISSUE_STATUSES = issueListQuery.shape.status.unwrap().options;
export type IssueCategoryFilter = NonNullable<IssueListParams["category"]>;
export const ISSUE_CATEGORIES = issueListQuery.shape.category.unwrap().options;
export type IssueSortOrder = NonNullable<IssueListParams["sort"]>;
export const ISSUE_SORTS = issueListQuery.shape.sort.unwrap().options;
export type IssuePriorityFilter = NonNullable<IssueListParams["priority"]>;
export const ISSUE_PRIORITIES = issueListQuery.shape.priority.unwrap().options;

type FilterKey = "q" | "status" | "category" | "project" | "priority" | "sort";

/** Filters live in the URL so an on-call engineer can paste a filtered view into the incident channel. */
export function useIssueFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const rawStatus = searchParams.get("status");
  const rawCategory = searchParams.get("category");
  const rawSort = searchParams.get("sort");
  const rawPriority = searchParams.get("priority");
  const filters: IssueListParams = {
    q: searchParams.get("q") ?? undefined,
    project: searchParams.get("project") ?? undefined,
    // Ignore hand-edited junk instead of sending it to the API and getting a 400.
    status: ISSUE_STATUSES.find((status) => status === rawStatus),
    category: ISSUE_CATEGORIES.find((category) => category === rawCategory),
    priority: ISSUE_PRIORITIES.find((priority) => priority === rawPriority),
    // The default order (lastSeen) stays out of the URL.
    sort: ISSUE_SORTS.find((sort) => sort === rawSort && sort !== "lastSeen"),
  };

  const setFilters = useCallback(
    (changes: Partial<Record<FilterKey, string | undefined>>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      // replace, not push: each debounced keystroke must not become a history entry.
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [searchParams, router, pathname],
  );

  const isFiltered = Boolean(
    filters.q || filters.project || filters.status || filters.category || filters.priority,
  );
  return { filters, setFilters, isFiltered };
}
