import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { events, issueIdentities, issues, issueTenants, issueUsers } from "../schema";

export type NewEvent = typeof events.$inferInsert;
export type EventRow = typeof events.$inferSelect;

// The same key as the 0002 migration's backfill, where array_to_string(roles, chr(31)) is this
// join; nulls stay distinct from empty strings.
const identityKey = (userId: string | null, tenantId: string | null, roles: string[]) =>
  sql`md5(coalesce('u' || ${userId}::text, '') || chr(31) || coalesce('t' || ${tenantId}::text, '') || chr(31) || ${roles.join("\u001f")}::text)`;

/**
 * Stores one event and, in the same transaction, its issue's rollups: event, user and tenant
 * counts on the issue and the (user, tenant, roles) tally the blast radius reads. Returns false,
 * writing nothing, when the event was stored before: Sentry may deliver one event twice. The
 * issue row must exist; it is locked first, so parallel writers of one issue queue instead of
 * deadlocking on the rollup rows.
 */
export async function insertEvent(db: Database, event: NewEvent): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.select({ id: issues.id }).from(issues).where(eq(issues.id, event.issueId)).for("update");
    const inserted = await tx.insert(events).values(event).onConflictDoNothing().returning({ id: events.id });
    if (inserted.length === 0) return false;
    const userId = event.userId ?? null;
    const tenantId = event.tenantId ?? null;
    const roles = event.roles ?? [];
    const newUser =
      userId !== null
        ? await tx
            .insert(issueUsers)
            .values({ issueId: event.issueId, userId })
            .onConflictDoNothing()
            .returning()
        : [];
    const newTenant =
      tenantId !== null
        ? await tx
            .insert(issueTenants)
            .values({ issueId: event.issueId, tenantId })
            .onConflictDoNothing()
            .returning()
        : [];
    await tx
      .insert(issueIdentities)
      .values({
        issueId: event.issueId,
        identityKey: identityKey(userId, tenantId, roles),
        userId,
        tenantId,
        roles,
        events: 1,
      })
      .onConflictDoUpdate({
        target: [issueIdentities.issueId, issueIdentities.identityKey],
        set: { events: sql`${issueIdentities.events} + 1` },
      });
    await tx
      .update(issues)
      .set({
        eventCount: sql`${issues.eventCount} + 1`,
        userCount: sql`${issues.userCount} + ${newUser.length}`,
        tenantCount: sql`${issues.tenantCount} + ${newTenant.length}`,
      })
      .where(eq(issues.id, event.issueId));
    return true;
  });
}

export async function listRecentEvents(db: Database, issueId: string, limit: number): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(eq(events.issueId, issueId))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(limit);
}

export type IssueIdentity = {
  userId: string | null;
  tenantId: string | null;
  roles: string[];
  events: number;
};

/**
 * Every distinct (user, tenant, roles) the issue hit, with how many events each had: the whole
 * blast radius of an issue of any size in one row per identity, not one per event.
 */
export async function listIssueIdentities(db: Database, issueId: string): Promise<IssueIdentity[]> {
  return db
    .select({
      userId: issueIdentities.userId,
      tenantId: issueIdentities.tenantId,
      roles: issueIdentities.roles,
      events: issueIdentities.events,
    })
    .from(issueIdentities)
    .where(eq(issueIdentities.issueId, issueId));
}
