"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { issueListQuery } from "@/lib/contracts/issues";
import type { IssueListParams } from "@/lib/query/issues";

const shape = issueListQuery.shape;

export type IssueStatusFilter = NonNullable<IssueListParams["status"]>;
export const ISSUE_STATUSES = shape.status.unwrap().options;
export type IssueCategoryFilter = NonNullable<IssueListParams["category"]>;
export const ISSUE_CATEGORIES = shape.category.unwrap().options;
export type IssueSortOrder = NonNullable<IssueListParams["sort"]>;
export const ISSUE_SORTS = shape.sort.unwrap().options;
export type IssuePriorityFilter = NonNullable<IssueListParams["priority"]>;
export const ISSUE_PRIORITIES = shape.priority.unwrap().options;
export type IssueLevelFilter = NonNullable<IssueListParams["level"]>;
export const ISSUE_LEVELS = shape.level.unwrap().options;
export type IssuePeriodFilter = NonNullable<IssueListParams["period"]>;
export const ISSUE_PERIODS = shape.period.unwrap().options;

/** Every filter the URL can hold (the sort is not a filter: it narrows nothing). */
export const FILTER_KEYS = [
  "q",
  "project",
  "environment",
  "release",
  "level",
  "status",
  "owner",
  "category",
  "priority",
  "tenant",
  "user",
  "incident",
  "period",
  "start",
  "end",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
type UrlKey = FilterKey | "sort";

/**
 * Filters live in the URL so an on-call engineer can paste a filtered view into the incident
 * channel. Each value is checked against the API's own schema and a hand-edited bad one is
 * dropped, so the page shows the list instead of a 400.
 */
export function useIssueFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const filters = useMemo(() => {
    const parsed: Record<string, string> = {};
    for (const key of [...FILTER_KEYS, "sort"] as const) {
      const raw = searchParams.get(key);
      if (!raw) continue;
      const result = shape[key].safeParse(raw);
      if (result.success && typeof result.data === "string" && result.data) parsed[key] = result.data;
    }
    // A preset period wins over a custom range, as the API would refuse both.
    if (parsed.period) {
      delete parsed.start;
      delete parsed.end;
    }
    if (parsed.sort === "lastSeen") delete parsed.sort;
    return parsed as IssueListParams;
  }, [searchParams]);

  const setFilters = useCallback(
    (changes: Partial<Record<UrlKey, string | undefined>>) => {
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

  const clearFilters = useCallback(
    () => setFilters(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]))),
    [setFilters],
  );

  const isFiltered = FILTER_KEYS.some((key) => filters[key] !== undefined);
  return { filters, setFilters, clearFilters, isFiltered };
}
