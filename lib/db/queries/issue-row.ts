import { eq } from "drizzle-orm";
import type { Database } from "../connect";
import { issues } from "../schema";

export type IssueRow = typeof issues.$inferSelect;

export async function getIssueRow(db: Database, issueId: string): Promise<IssueRow | null> {
  const [row] = await db.select().from(issues).where(eq(issues.id, issueId)).limit(1);
  return row ?? null;
}
