"use client";

import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { LabelledSelect } from "@/app/_components/labelled-select";
import type { IssueListParams } from "@/lib/query/issues";
import { LevelFilter, PeriodFilter } from "../issues/_components/issue-level-period-filters";
import { PriorityFilter } from "../issues/_components/issue-priority-filter";
import { ISSUE_SORTS, type IssueSortOrder, useIssueFilters } from "../issues/_components/use-issue-filters";

const sortLabels: Record<IssueSortOrder, string> = {
  priority: "Priority",
  users: "Most users",
  tenants: "Most tenants",
  events: "Most events",
  lastSeen: "Last seen",
};

/**
 * The issue list's cheap filters (sort, priority, level, last seen) on a queue page, kept in the
 * URL with the same keys as /issues so a filtered queue can be pasted. Worst first by default.
 */
export function useQueueFilters(): { params: IssueListParams; toolbar: ReactNode } {
  const { filters, setFilters } = useIssueFilters();
  // Read from the URL as is: the list's hook drops "lastSeen", its default, and here it is not one.
  const urlSort = useSearchParams()?.get("sort");
  const sort = ISSUE_SORTS.find((s) => s === urlSort) ?? "priority";
  const params: IssueListParams = {
    sort,
    level: filters.level,
    period: filters.period,
    start: filters.start,
    end: filters.end,
    priority: filters.priority,
  };
  const toolbar = (
    <div data-testid="queue-filters" className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <LabelledSelect
        id="queue-sort"
        label="Sort"
        value={sort}
        options={ISSUE_SORTS.map((value) => ({ value, label: sortLabels[value] }))}
        // Priority is this page's default, so it stays out of the URL; every other order is written.
        onChange={(value) => setFilters({ sort: value === "priority" ? undefined : value })}
      />
      <PriorityFilter value={filters.priority} onChange={(priority) => setFilters({ priority })} />
      <LevelFilter value={filters.level} onChange={(level) => setFilters({ level })} />
      <PeriodFilter
        value={filters.period}
        custom={Boolean(filters.start || filters.end)}
        onChange={(period) => setFilters({ period, start: undefined, end: undefined })}
      />
    </div>
  );
  return { params, toolbar };
}
