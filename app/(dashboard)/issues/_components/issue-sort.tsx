"use client";

import { LabelledSelect } from "@/app/_components/labelled-select";
import { ISSUE_SORTS, type IssueSortOrder } from "./use-issue-filters";

// A Record, so a sort added to the API contract fails to compile until it has a label here.
const labels: Record<IssueSortOrder, string> = {
  lastSeen: "Last seen",
  users: "Most users",
  tenants: "Most tenants",
  events: "Most events",
  priority: "Priority",
};
const options = ISSUE_SORTS.map((value) => ({ value, label: labels[value] }));

/** Newest first by default; during an incident, "what is most urgent" and "who is hurt most" are the others. */
export function IssueSort({
  value,
  onChange,
}: {
  value: IssueSortOrder | undefined;
  onChange: (value: IssueSortOrder | undefined) => void;
}) {
  return (
    <LabelledSelect
      id="issue-sort"
      label="Sort"
      value={value ?? "lastSeen"}
      options={options}
      // The default order stays out of the URL.
      onChange={(sort) => onChange(sort === "lastSeen" ? undefined : sort)}
    />
  );
}
