import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { analyses } from "../schema";

export type NewAnalysis = Omit<typeof analyses.$inferInsert, "version" | "createdAt">;
export type AnalysisRow = typeof analyses.$inferSelect;

/** Analyses are versioned per issue: each run adds the next version, earlier ones stay for audit. */
export async function insertAnalysis(db: Database, analysis: NewAnalysis): Promise<AnalysisRow> {
  const [row] = await db
    .insert(analyses)
    .values({
      ...analysis,
      version: sql`(select coalesce(max(${analyses.version}), 0) + 1 from ${analyses} where ${analyses.issueId} = ${analysis.issueId})`,
    })
    .returning();
  if (!row) throw new Error("insert into analyses returned no row");
  return row;
}

export async function getLatestAnalysis(db: Database, issueId: string): Promise<AnalysisRow | null> {
  const [row] = await db
    .select()
    .from(analyses)
    .where(eq(analyses.issueId, issueId))
    .orderBy(desc(analyses.version))
    .limit(1);
  return row ?? null;
}
