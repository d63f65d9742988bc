"use client";

import { LabelledSelect } from "@/app/_components/labelled-select";
import {
  ISSUE_LEVELS,
  ISSUE_PERIODS,
  type IssueLevelFilter,
  type IssuePeriodFilter,
} from "./use-issue-filters";

const levelOptions = [
  { value: "" as const, label: "All" },
  ...ISSUE_LEVELS.map((level) => ({ value: level, label: level })),
];

export function LevelFilter({
  value,
  onChange,
}: {
  value: IssueLevelFilter | undefined;
  onChange: (value: IssueLevelFilter | undefined) => void;
}) {
  return (
    <LabelledSelect
      id="issue-level"
      label="Level"
      value={value ?? ""}
      options={levelOptions}
      onChange={(level) => onChange(level || undefined)}
    />
  );
}

// A Record, so a period added to the API contract fails to compile until it has a label here.
export const PERIOD_LABELS: Record<IssuePeriodFilter, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

/** Last seen within a preset period; a custom range (from/to under "More filters") shows as "Custom". */
export function PeriodFilter({
  value,
  custom,
  onChange,
}: {
  value: IssuePeriodFilter | undefined;
  custom: boolean;
  onChange: (value: IssuePeriodFilter | undefined) => void;
}) {
  const options = [
    { value: "" as const, label: "Any time" },
    ...ISSUE_PERIODS.map((period) => ({ value: period, label: PERIOD_LABELS[period] })),
    ...(custom ? [{ value: "custom" as const, label: "Custom range" }] : []),
  ];
  return (
    <LabelledSelect
      id="issue-period"
      label="Seen"
      value={value ?? (custom ? "custom" : "")}
      options={options}
      onChange={(period) => onChange(period === "" || period === "custom" ? undefined : period)}
    />
  );
}
