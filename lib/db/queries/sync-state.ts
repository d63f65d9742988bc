import { eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { syncState } from "../schema";

/** The poll of Sentry's issue list (lib/enrichment/reconcile-job.ts). */
export const SENTRY_ISSUES_SYNC = "sentry_issues";

export async function getSyncedUntil(db: Database, name: string): Promise<Date | null> {
  const [row] = await db.select().from(syncState).where(eq(syncState.name, name));
  return row?.syncedUntil ?? null;
}

/** Only ever moves forward, so a slow run finishing after a newer one cannot rewind the sync. */
export async function advanceSyncedUntil(db: Database, name: string, until: Date): Promise<void> {
  await db
    .insert(syncState)
    .values({ name, syncedUntil: until })
    .onConflictDoUpdate({
      target: syncState.name,
      set: {
        syncedUntil: sql`greatest(${syncState.syncedUntil}, excluded.synced_until)`,
        updatedAt: sql`now()`,
      },
    });
}
