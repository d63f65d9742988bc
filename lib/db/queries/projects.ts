import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { projects } from "../schema";

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
