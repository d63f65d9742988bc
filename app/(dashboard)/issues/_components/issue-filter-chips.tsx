"use client";

import { CATEGORY_LABELS } from "@/app/_components/category-badge";
import { formatExactTime } from "@/app/_components/relative-time";
import type { IssueListParams } from "@/lib/query/issues";
import { PERIOD_LABELS } from "./issue-level-period-filters";
import { TEXT_FILTERS } from "./issue-more-filters";
import type { FilterKey } from "./use-issue-filters";

const LABELS: Partial<Record<FilterKey, string>> = {
  ...Object.fromEntries(TEXT_FILTERS.map(({ key, label }) => [key, label])),
  q: "Search",
  level: "Level",
  status: "Status",
  category: "Category",
  priority: "Priority",
  period: "Seen",
  start: "Seen from",
  end: "Seen before",
};

function display(key: FilterKey, value: string): string {
  if (key === "category") return CATEGORY_LABELS[value as keyof typeof CATEGORY_LABELS] ?? value;
  if (key === "period") return PERIOD_LABELS[value as keyof typeof PERIOD_LABELS] ?? value;
  if (key === "start" || key === "end") return formatExactTime(new Date(value));
  return value;
}

/** Every active filter as a chip that says what it is and removes it, so a narrowed list never looks complete. */
export function FilterChips({
  filters,
  onRemove,
  onClear,
}: {
  filters: IssueListParams;
  onRemove: (key: FilterKey) => void;
  onClear: () => void;
}) {
  const active = (Object.keys(LABELS) as FilterKey[]).filter((key) => filters[key]);
  if (active.length === 0) return null;
  return (
    <section className="flex flex-wrap items-center gap-2" aria-label="Active filters">
      {active.map((key) => {
        const value = display(key, String(filters[key]));
        return (
          <span
            key={key}
            data-testid="filter-chip"
            data-filter={key}
            className="inline-flex max-w-full items-center gap-1 rounded-full border border-zinc-300 bg-white py-0.5 pr-1 pl-2.5 text-xs text-zinc-800"
          >
            <span className="font-medium">{LABELS[key]}:</span>
            <span className="break-all">{value}</span>
            <button
              type="button"
              onClick={() => onRemove(key)}
              aria-label={`Remove filter ${LABELS[key]}: ${value}`}
              className="ml-0.5 rounded-full px-1.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
            >
              ×
            </button>
          </span>
        );
      })}
      {active.length > 1 && (
        <button type="button" onClick={onClear} className="text-xs font-medium text-zinc-700 underline">
          Clear all
        </button>
      )}
    </section>
  );
}
