"use client";

import { LabelledSelect } from "@/app/_components/labelled-select";
import { ISSUE_PRIORITIES, type IssuePriorityFilter } from "./use-issue-filters";

// "" is "All": no priority filter.
const options = [
  { value: "" as const, label: "All" },
  ...ISSUE_PRIORITIES.map((priority) => ({ value: priority, label: priority })),
];

export function PriorityFilter({
  value,
  onChange,
}: {
  value: IssuePriorityFilter | undefined;
  onChange: (value: IssuePriorityFilter | undefined) => void;
}) {
  return (
    <LabelledSelect
      id="issue-priority"
      label="Priority"
      value={value ?? ""}
      options={options}
      onChange={(priority) => onChange(priority || undefined)}
    />
  );
}
