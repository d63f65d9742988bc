import { and, eq, ne } from "drizzle-orm";
import { priorityRank } from "@/lib/analysis/priority";
import type { Priority } from "@/lib/analysis/types";
import type { Database } from "../connect";
import { issues } from "../schema";

export type IssueRow = typeof issues.$inferSelect;

export async function getIssueRow(db: Database, issueId: string): Promise<IssueRow | null> {
  const [row] = await db.select().from(issues).where(eq(issues.id, issueId)).limit(1);
  return row ?? null;
}

/**
 * Copies an analysis's priority onto its issue, for the list's filter and sort. Written only when
 * it changed, so re-analysing a busy issue does not take its row lock for nothing.
 */
export async function setIssuePriority(db: Database, issueId: string, priority: Priority): Promise<void> {
  const rank = priorityRank(priority);
  await db
    .update(issues)
    .set({ priorityTier: Number(priority.tier.slice(1)), priorityRank: rank })
    .where(and(eq(issues.id, issueId), ne(issues.priorityRank, rank)));
}
