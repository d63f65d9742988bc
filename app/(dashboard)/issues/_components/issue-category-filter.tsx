"use client";

import { CATEGORY_LABELS } from "@/app/_components/category-badge";
import { LabelledSelect } from "@/app/_components/labelled-select";
import { ISSUE_CATEGORIES, type IssueCategoryFilter } from "./use-issue-filters";

// "" is "All": no category filter.
const options = [
  { value: "" as const, label: "All" },
  ...ISSUE_CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABELS[category] })),
];

export function CategoryFilter({
  value,
  onChange,
}: {
  value: IssueCategoryFilter | undefined;
  onChange: (value: IssueCategoryFilter | undefined) => void;
}) {
  return (
    <LabelledSelect
      id="issue-category"
      label="Category"
      value={value ?? ""}
      options={options}
      onChange={(category) => onChange(category || undefined)}
    />
  );
}
