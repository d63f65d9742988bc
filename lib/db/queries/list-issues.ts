import { and, desc, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { issues } from "../schema";
import { decodeCursor, encodeCursor, type IssueSort } from "./issue-cursor";
import { type IssueListConditions, issueListConditions } from "./issue-list-conditions";
import { type IssueSummary, selectIssueSummaries } from "./issues";
import { hasFewSearchCandidates } from "./search-candidates";
import { hasFewUserIssues } from "./user-issues";

export type IssueFilter = IssueListConditions & { cursor?: string; limit: number; sort?: IssueSort };

// Each sort is keyset-paged on (sort value, numeric id), both descending, and each has an index of
// exactly that order (issues_recent, issues_priority, issues_most_users / _tenants / _events), so a
// page is a range scan at any number of issues: "newest first" is the default view, "P0s first"
// the page on-call opens during an incident, "most users first" the one that says who is hurt.
const sortKeys = {
  lastSeen: {
    column: issues.lastSeen,
    type: "timestamptz",
    valueOf: (row: IssueSummary) => row.lastSeen.toISOString(),
  },
  users: { column: issues.userCount, type: "bigint", valueOf: (row: IssueSummary) => String(row.userCount) },
  tenants: {
    column: issues.tenantCount,
    type: "bigint",
    valueOf: (row: IssueSummary) => String(row.tenantCount),
  },
  events: {
    column: issues.eventCount,
    type: "bigint",
    valueOf: (row: IssueSummary) => String(row.eventCount),
  },
  priority: {
    column: issues.priorityRank,
    type: "integer",
    valueOf: (row: IssueSummary) => String(row.priorityRank),
  },
} as const;

/** One page of issues matching the filter in the sort's order; a cursor from another sort is refused. */
export async function listIssues(
  db: Database,
  filter: IssueFilter,
): Promise<{ items: IssueSummary[]; nextCursor: string | null } | { badCursor: true }> {
  const sort = filter.sort ?? "lastSeen";
  const key = sortKeys[sort];
  const [searchFromIndexes, userIssuesFirst] = await Promise.all([
    filter.q ? hasFewSearchCandidates(db, filter.q) : false,
    filter.user ? hasFewUserIssues(db, filter.user) : false,
  ]);
  const conditions = issueListConditions(filter, { searchFromIndexes, userIssuesFirst });
  if (filter.cursor) {
    const cursor = decodeCursor(filter.cursor, sort);
    if (!cursor) return { badCursor: true };
    // A row comparison, unlike the equivalent OR, is a range start on the sort's index.
    conditions.push(
      sql`(${key.column}, (${issues.id}::numeric)) < (${cursor.value}::${sql.raw(key.type)}, ${cursor.id}::numeric)`,
    );
  }
  const rows = await selectIssueSummaries(db)
    .where(and(...conditions))
    .orderBy(desc(key.column), desc(sql`${issues.id}::numeric`))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > filter.limit && last ? encodeCursor({ sort, value: key.valueOf(last), id: last.id }) : null;
  return { items: page, nextCursor };
}
