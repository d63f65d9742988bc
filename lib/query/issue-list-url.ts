import {
  filterTextMaxLength,
  hasNul,
  incidentIdPattern,
  issueCategories,
  issueLevels,
  issuePeriods,
  issueSorts,
  issueStatuses,
  priorityTiers,
} from "@/lib/contracts/issue-list-values";
import type { IssueListQuery } from "@/lib/contracts/issues";

// The list page's URL ↔ its API request, in one place: the page's filters hook and the request the
// proxy names for the page's first script (./early-list-request.ts) must ask for the same thing, or
// the early answer would be thrown away.

/** Filters the list can be narrowed by; the cursor is owned by the infinite query, not the caller. */
export type IssueListParams = Partial<Omit<IssueListQuery, "cursor">>;

/** Every filter the URL can hold (the sort is not a filter: it narrows nothing). */
export const FILTER_KEYS = [
  "q",
  "project",
  "environment",
  "release",
  "level",
  "status",
  "owner",
  "category",
  "priority",
  "tenant",
  "user",
  "incident",
  "period",
  "start",
  "end",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type UrlKey = FilterKey | "sort";

const oneOf =
  (values: readonly string[]) =>
  (value: string): boolean =>
    values.includes(value);
const isFilterText = (value: string) => value.length <= filterTextMaxLength && !hasNul(value);
// ISO 8601 with an offset, as the API's z.iso.datetime({ offset: true }); the API has the last word.
const isDateTime = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
  !Number.isNaN(Date.parse(value));

/** The API's rule for each URL value (lib/contracts/issues.ts builds its schema from the same values). */
const accepts: Record<UrlKey, (value: string) => boolean> = {
  q: isFilterText,
  project: isFilterText,
  environment: isFilterText,
  release: isFilterText,
  owner: isFilterText,
  tenant: isFilterText,
  user: isFilterText,
  level: oneOf(issueLevels),
  status: oneOf(issueStatuses),
  category: oneOf(issueCategories),
  priority: oneOf(priorityTiers),
  period: oneOf(issuePeriods),
  sort: oneOf(issueSorts),
  incident: (value) => incidentIdPattern.test(value),
  start: isDateTime,
  end: isDateTime,
};

/**
 * The list's filters and sort as the URL holds them. A hand-edited bad value is dropped, so the page
 * shows the list instead of a 400.
 */
export function issueListParamsFromUrl(searchParams: { get(key: string): string | null }): IssueListParams {
  const parsed: Record<string, string> = {};
  for (const key of [...FILTER_KEYS, "sort"] as const) {
    const value = searchParams.get(key)?.trim();
    if (value && accepts[key](value)) parsed[key] = value;
  }
  // A preset period wins over a custom range, as the API would refuse both.
  if (parsed.period) {
    delete parsed.start;
    delete parsed.end;
  }
  if (parsed.sort === "lastSeen") delete parsed.sort;
  return parsed as IssueListParams;
}

/**
 * Drop empty filters and the default order, and put the keys in one order, so `{ q: "" }` and `{}`
 * (or the same filters set in another order) share one cache entry and one request URL.
 */
export function normaliseIssueListParams(params: IssueListParams): IssueListParams {
  const normalised: Record<string, string | number> = {};
  for (const key of Object.keys(params).sort() as (keyof IssueListParams)[]) {
    const value = params[key];
    const kept = typeof value === "string" ? value.trim() : value;
    if (kept === undefined || kept === "" || (key === "sort" && kept === "lastSeen")) continue;
    normalised[key] = kept;
  }
  return normalised as IssueListParams;
}

/** The API path of one page of the list; `params` already normalised. */
export function issueListApiPath(params: IssueListParams, cursor: string | null): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  if (cursor) search.set("cursor", cursor);
  return `/api/issues?${search.toString()}`;
}
