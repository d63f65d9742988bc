import type { IssueListQuery } from "@/lib/contracts/issues";
import type { IssueFilter } from "@/lib/db/queries/list-issues";

const periodMs = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;

/** The list's query as the data layer takes it: a period becomes a time range ending `now`. */
export function toIssueFilter(query: IssueListQuery, now: Date): IssueFilter {
  const { period, start, end, ...rest } = query;
  return {
    ...rest,
    seenAfter: period ? new Date(now.getTime() - periodMs[period]) : start ? new Date(start) : undefined,
    seenBefore: end ? new Date(end) : undefined,
  };
}
