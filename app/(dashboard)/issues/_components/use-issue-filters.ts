"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  filterTextMaxLength,
  hasNul,
  incidentIdPattern,
  issueCategories,
  issueLevels,
  issuePeriods,
  issueSorts,
  issueStatuses,
  priorityTiers,
} from "@/lib/contracts/issue-list-values";
import type { IssueListParams } from "@/lib/query/issues";

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

const oneOf =
  (values: readonly string[]) =>
  (value: string): boolean =>
    values.includes(value);
const isFilterText = (value: string) => value.length <= filterTextMaxLength && !hasNul(value);
// ISO 8601 with an offset, as the API's z.iso.datetime({ offset: true }); the API has the last word.
const isDateTime = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
  !Number.isNaN(Date.parse(value));

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

/** The API's rule for each URL value (lib/contracts/issues.ts builds its schema from the same values). */
const accepts: Record<UrlKey, (value: string) => boolean> = {
  q: isFilterText,
  project: isFilterText,
  environment: isFilterText,
  release: isFilterText,
  owner: isFilterText,
  tenant: isFilterText,
  user: isFilterText,
  level: oneOf(issueLevels),
  status: oneOf(issueStatuses),
  category: oneOf(issueCategories),
  priority: oneOf(priorityTiers),
  period: oneOf(issuePeriods),
  sort: oneOf(issueSorts),
  incident: (value) => incidentIdPattern.test(value),
  start: isDateTime,
  end: isDateTime,
};

/**
 * Filters live in the URL so an on-call engineer can paste a filtered view into the incident
 * channel. Each value is checked against the API's own rules and a hand-edited bad one is
 * dropped, so the page shows the list instead of a 400.
 */
export function useIssueFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const filters = useMemo(() => {
    const parsed: Record<string, string> = {};
    for (const key of [...FILTER_KEYS, "sort"] as const) {
      const value = searchParams.get(key)?.trim();
      if (value && accepts[key](value)) parsed[key] = value;
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
