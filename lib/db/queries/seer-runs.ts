import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { seerRuns } from "../schema";

export type SeerRunRow = typeof seerRuns.$inferSelect;

export type SeerRunUpdate = Omit<SeerRunRow, "stages"> & { stage: string; status: "started" | "completed" };

/**
 * Merges one seer.* delivery into its run. Actions arrive in any order: a stage once completed
 * stays completed, and a finding once known is replaced only by another one, never by nothing.
 */
export async function mergeSeerRun(db: Database, update: SeerRunUpdate): Promise<void> {
  const { stage, status, ...run } = update;
  await db
    .insert(seerRuns)
    .values({ ...run, stages: { [stage]: status } })
    .onConflictDoUpdate({
      target: seerRuns.runId,
      set: {
        stages: sql`case when ${seerRuns.stages}->>${stage}::text = 'completed' then ${seerRuns.stages}
          else ${seerRuns.stages} || excluded.stages end`,
        rootCause: sql`coalesce(excluded.root_cause, ${seerRuns.rootCause})`,
        solution: sql`coalesce(excluded.solution, ${seerRuns.solution})`,
        changes: sql`coalesce(excluded.changes, ${seerRuns.changes})`,
        pullRequests: sql`coalesce(excluded.pull_requests, ${seerRuns.pullRequests})`,
        updatedAt: sql`greatest(excluded.updated_at, ${seerRuns.updatedAt})`,
      },
    });
}

/** The issue's Seer runs, most recently updated first. */
export async function listSeerRuns(db: Database, issueId: string, limit: number): Promise<SeerRunRow[]> {
  return db
    .select()
    .from(seerRuns)
    .where(eq(seerRuns.issueId, issueId))
    .orderBy(desc(seerRuns.updatedAt), desc(sql`${seerRuns.runId}::numeric`))
    .limit(limit);
}
