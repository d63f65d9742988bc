"use client";

import { ISSUE_SORTS, type IssueSortOrder } from "./use-issue-filters";

const labels: Record<IssueSortOrder, string> = {
  lastSeen: "Last seen",
  users: "Most users",
  events: "Most events",
};

/** Newest first by default; during an incident, "who is hurt most" is the other question. */
export function IssueSort({
  value,
  onChange,
}: {
  value: IssueSortOrder | undefined;
  onChange: (value: IssueSortOrder | undefined) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="issue-sort" className="text-xs font-medium text-zinc-600">
        Sort
      </label>
      <select
        id="issue-sort"
        value={value ?? "lastSeen"}
        onChange={(event) => {
          const sort = ISSUE_SORTS.find((s) => s === event.target.value);
          onChange(sort === "lastSeen" ? undefined : sort);
        }}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-zinc-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900/10"
      >
        {ISSUE_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {labels[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}
