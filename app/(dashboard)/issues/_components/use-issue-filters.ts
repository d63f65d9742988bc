"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";
import {
  issueCategories,
  issueLevels,
  issuePeriods,
  issueSorts,
  issueStatuses,
  priorityTiers,
} from "@/lib/contracts/issue-list-values";
import { FILTER_KEYS, issueListParamsFromUrl, type UrlKey } from "@/lib/query/issue-list-url";
import type { IssueListParams } from "@/lib/query/issues";

export { FILTER_KEYS, type FilterKey } from "@/lib/query/issue-list-url";
export type IssueStatusFilter = NonNullable<IssueListParams["status"]>;
export const ISSUE_STATUSES = issueStatuses;
export type IssueCategoryFilter = NonNullable<IssueListParams["category"]>;
export const ISSUE_CATEGORIES = issueCategories;
export type IssueSortOrder = NonNullable<IssueListParams["sort"]>;
export const ISSUE_SORTS = issueSorts;
export type IssuePriorityFilter = NonNullable<IssueListParams["priority"]>;
export const ISSUE_PRIORITIES = priorityTiers;
export type IssueLevelFilter = NonNullable<IssueListParams["level"]>;
export const ISSUE_LEVELS = issueLevels;
export type IssuePeriodFilter = NonNullable<IssueListParams["period"]>;
export const ISSUE_PERIODS = issuePeriods;
const noSearchParams = new URLSearchParams();

/**
 * Filters live in the URL so an on-call engineer can paste a filtered view into the incident
 * channel. Each value is checked against the API's own rules (lib/query/issue-list-url.ts).
 */
export function useIssueFilters() {
  // null only in the types Next gives a project with a pages/ folder; never in the App Router.
  const searchParams = useSearchParams() ?? noSearchParams;
  const router = useRouter();
  const pathname = usePathname() ?? "";

  const filters = useMemo(() => issueListParamsFromUrl(searchParams), [searchParams]);

  // router.replace commits only once the page's new payload is in; a change made meanwhile (a
  // second chip removed, a filter picked while the debounced search is on its way) must build on
  // the URLs already asked for, or it silently undoes them. Asked-for queries, oldest first.
  const asked = useRef<string[]>([]);
  const shown = searchParams.toString();
  useEffect(() => {
    const reached = asked.current.indexOf(shown);
    // A URL nobody here asked for (back, a link) means nothing asked is still coming.
    asked.current = reached === -1 ? [] : asked.current.slice(reached + 1);
  }, [shown]);

  const setFilters = useCallback(
    (changes: Partial<Record<UrlKey, string | undefined>>) => {
      const next = new URLSearchParams(asked.current.at(-1) ?? searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      asked.current.push(query);
      // replace, not push: each debounced keystroke must not become a history entry.
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [searchParams, router, pathname],
  );

  const clearFilters = useCallback(
    () => setFilters(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]))),
    [setFilters],
  );

  const isFiltered = FILTER_KEYS.some((key) => filters[key] !== undefined);
  return { filters, setFilters, clearFilters, isFiltered };
}
