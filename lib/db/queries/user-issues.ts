import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issues, issueUsers } from "../schema";

/**
 * Up to this many issues of one user, the list's user filter starts from them (issue_users_user)
 * and sorts them; past it, from the list's order, probing each issue. A user is mostly sparse
 * (on the seeded million events, 11 issues on average and 355 at most among 100,000), and
 * PostgreSQL's estimate of one user's share is the average's: it chose the list's order and
 * probed 15,817 issues to find the page of a 355-issue user (80–200 ms, against 3 ms from the
 * user's issues). The bound keeps the sort small for a user seen everywhere (a load test's
 * account, a shared kiosk login); it was set, not tuned.
 */
export const FEW_USER_ISSUES = 1000;

/** The condition "the issue hit `user`", as the ids of the user's issues looked up first. */
export const amongUserIssues = (user: string): SQL =>
  sql`${issues.id} = any(array(select ${issueUsers.issueId} from ${issueUsers}
    where ${issueUsers.userId} = ${user}))`;

/** Whether `user` hit few enough issues for the list to start from them (see FEW_USER_ISSUES). */
export async function hasFewUserIssues(db: Database, user: string, few = FEW_USER_ISSUES): Promise<boolean> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (
      select 1 from ${issueUsers} where ${issueUsers.userId} = ${user} limit ${few + 1}) u`),
  );
  return (row?.n ?? 0) <= few;
}
