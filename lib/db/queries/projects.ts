import { eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { projects, type WritebackMode } from "../schema";

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

/** An admin's write-back override for one project (null: follow SIFT_WRITEBACK), with who set it and when. */
export async function setProjectWriteback(
  db: Database,
  projectId: string,
  change: { mode: WritebackMode | null; changedBy: string },
): Promise<ProjectRow | null> {
  const [row] = await db
    .update(projects)
    .set({ writeback: change.mode, writebackChangedBy: change.changedBy, writebackChangedAt: sql`now()` })
    .where(eq(projects.id, projectId))
    .returning();
  return row ?? null;
}
