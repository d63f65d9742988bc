"use client";

import { ISSUE_STATUSES, type IssueStatusFilter } from "./use-issue-filters";

export function StatusFilter({
  value,
  onChange,
}: {
  value: IssueStatusFilter | undefined;
  onChange: (value: IssueStatusFilter | undefined) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="issue-status" className="text-xs font-medium text-zinc-600">
        Status
      </label>
      <select
        id="issue-status"
        value={value ?? ""}
        onChange={(event) => onChange(ISSUE_STATUSES.find((status) => status === event.target.value))}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-zinc-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900/10"
      >
        <option value="">All</option>
        {ISSUE_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </select>
    </div>
  );
}
