"use client";

import { useCallback } from "react";
import type { IssueListParams } from "@/lib/query/issues";
import { CategoryFilter } from "./issue-category-filter";
import { FilterChips } from "./issue-filter-chips";
import { LevelFilter, PeriodFilter } from "./issue-level-period-filters";
import { MoreFilters } from "./issue-more-filters";
import { PriorityFilter } from "./issue-priority-filter";
import { IssueSearch } from "./issue-search";
import { IssueSort } from "./issue-sort";
import { StatusFilter } from "./issue-status-filter";
import type { FilterKey } from "./use-issue-filters";

type SetFilters = (changes: Partial<Record<FilterKey | "sort", string | undefined>>) => void;

/** The heading, the search box on a row of its own (usable at any width), the filters, and the active ones as chips. */
export function IssueToolbar({
  filters,
  setFilters,
  clearFilters,
}: {
  filters: IssueListParams;
  setFilters: SetFilters;
  clearFilters: () => void;
}) {
  // Stable so the search box's debounce timer isn't restarted by every background refetch render.
  const setQ = useCallback((q: string) => setFilters({ q }), [setFilters]);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold text-zinc-900">Issues</h1>
        <IssueSearch value={filters.q ?? ""} onChange={setQ} />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <StatusFilter value={filters.status} onChange={(status) => setFilters({ status })} />
        <LevelFilter value={filters.level} onChange={(level) => setFilters({ level })} />
        <PriorityFilter value={filters.priority} onChange={(priority) => setFilters({ priority })} />
        <CategoryFilter value={filters.category} onChange={(category) => setFilters({ category })} />
        <PeriodFilter
          value={filters.period}
          custom={Boolean(filters.start || filters.end)}
          onChange={(period) => setFilters({ period, start: undefined, end: undefined })}
        />
        <IssueSort value={filters.sort} onChange={(sort) => setFilters({ sort })} />
        <MoreFilters key={JSON.stringify(filters)} filters={filters} onApply={setFilters} />
      </div>
      <FilterChips
        filters={filters}
        onRemove={(key) => setFilters({ [key]: undefined })}
        onClear={clearFilters}
      />
    </div>
  );
}
