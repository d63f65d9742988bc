"use client";

import { LabelledSelect } from "@/app/_components/labelled-select";
import { ISSUE_STATUSES, type IssueStatusFilter } from "./use-issue-filters";

// "" is "All": no status filter.
const options = [
  { value: "" as const, label: "All" },
  ...ISSUE_STATUSES.map((status) => ({ value: status, label: status })),
];

export function StatusFilter({
  value,
  onChange,
}: {
  value: IssueStatusFilter | undefined;
  onChange: (value: IssueStatusFilter | undefined) => void;
}) {
  return (
    <LabelledSelect
      id="issue-status"
      label="Status"
      value={value ?? ""}
      options={options}
      onChange={(status) => onChange(status || undefined)}
    />
  );
}
