import type { ErrorCategory } from "@/lib/contracts/analysis";

/** How each category reads to on-call; the ids stay what the API and URLs use. */
export const CATEGORY_LABELS: Record<ErrorCategory, string> = {
  null_access: "Null/undefined access",
  type_error: "Type error",
  network: "Network or timeout",
  upstream_5xx: "Upstream 5xx",
  auth: "Auth",
  validation: "Validation",
  database: "Database",
  asset_load: "Chunk or asset load",
  resource_exhaustion: "Resource exhaustion",
  rate_limit: "Rate limit",
  configuration: "Configuration",
  third_party_script: "Third-party script",
  other: "Other",
};

/** A small label for dense lists; "other" is left out there, since it says nothing at a glance. */
export function CategoryBadge({ category, title }: { category: ErrorCategory; title?: string }) {
  return (
    <span
      data-testid="category-badge"
      data-category={category}
      title={title}
      className="inline-flex shrink-0 items-center rounded border border-zinc-200 bg-zinc-50 px-1.5 py-px text-[11px] font-medium text-zinc-600"
    >
      {CATEGORY_LABELS[category]}
    </span>
  );
}
