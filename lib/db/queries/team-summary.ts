import { and, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { issues } from "../schema";
import { issueListConditions } from "./issue-list-conditions";

export type TeamSummary = { open: number; resolved: number; ignored: number; total: number };

/**
 * How many issues the newest analysis gave to `owner`, by status: the team queue's counts, from
 * the same condition as the list's owner filter so the two never disagree.
 */
export async function getTeamSummary(db: Database, owner: string): Promise<TeamSummary> {
  const rows = await db
    .select({ status: issues.status, count: sql<number>`count(*)::int` })
    .from(issues)
    .where(and(...issueListConditions({ owner })))
    .groupBy(issues.status);
  const of = (status: string) => rows.find((r) => r.status === status)?.count ?? 0;
  return {
    open: of("unresolved"),
    resolved: of("resolved"),
    ignored: of("ignored"),
    total: rows.reduce((sum, r) => sum + r.count, 0),
  };
}
