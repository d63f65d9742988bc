import { desc, eq } from "drizzle-orm";
import type { Database } from "../connect";
import { events } from "../schema";

export type NewEvent = typeof events.$inferInsert;
export type EventRow = typeof events.$inferSelect;

/** Returns false when the event was stored before: Sentry may deliver one event twice. */
export async function insertEvent(db: Database, event: NewEvent): Promise<boolean> {
  const rows = await db.insert(events).values(event).onConflictDoNothing().returning({ id: events.id });
  return rows.length > 0;
}

export async function listRecentEvents(db: Database, issueId: string, limit: number): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(eq(events.issueId, issueId))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(limit);
}

export type EventIdentity = Pick<EventRow, "userId" | "tenantId" | "roles">;

/** Only the identity columns, so the blast radius can count every event of a large issue cheaply. */
export async function listEventIdentities(
  db: Database,
  issueId: string,
  limit: number,
): Promise<EventIdentity[]> {
  return db
    .select({ userId: events.userId, tenantId: events.tenantId, roles: events.roles })
    .from(events)
    .where(eq(events.issueId, issueId))
    .orderBy(desc(events.occurredAt))
    .limit(limit);
}
