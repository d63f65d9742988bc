import { eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { projects, type WritebackMode } from "../schema";
import { type AuditActor, recordAudit } from "./audit-log";

export type NewProject = typeof projects.$inferInsert;

export async function upsertProject(db: Database, project: NewProject): Promise<void> {
  await db
    .insert(projects)
    .values(project)
    .onConflictDoUpdate({
      target: projects.id,
      set: {
        slug: sql`coalesce(excluded.slug, ${projects.slug})`,
        name: sql`coalesce(excluded.name, ${projects.name})`,
        platform: sql`coalesce(excluded.platform, ${projects.platform})`,
      },
    });
}

export type ProjectRow = typeof projects.$inferSelect;

export async function listProjects(db: Database): Promise<ProjectRow[]> {
  return db.select().from(projects).orderBy(projects.slug, projects.id);
}

/**
 * An admin's write-back override for one project (null: follow SIFT_WRITEBACK), with who set it and
 * when, audited in the same transaction. Null when there is no such project (nothing written).
 */
export async function setProjectWriteback(
  db: Database,
  projectId: string,
  change: { mode: WritebackMode | null; changedBy: string; actor: AuditActor },
): Promise<ProjectRow | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId)).for("update");
    if (!before) return null;
    const [row] = await tx
      .update(projects)
      .set({ writeback: change.mode, writebackChangedBy: change.changedBy, writebackChangedAt: sql`now()` })
      .where(eq(projects.id, projectId))
      .returning();
    if (!row) return null;
    await recordAudit(tx, {
      actor: change.actor,
      action: "project.writeback.set",
      target: { type: "project", id: projectId },
      before: { writeback: before.writeback },
      after: { writeback: row.writeback },
    });
    return row;
  });
}
