import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { issueHourIdentities, issueTenants, tenantActivity } from "../schema";

/**
 * Marks the tenants an issue hit since `since` as seen, at the hour of their newest event there.
 * The analysis job calls it for each issue it analyses, so every tenant an event names is active
 * within one analysis of that event; an older hour never moves a tenant back.
 */
export async function recordTenantActivity(db: Database, issueId: string, since: Date): Promise<void> {
  await db.execute(sql`
    insert into ${tenantActivity} (tenant_id, last_seen)
    select tenant_id, max(hour) from ${issueHourIdentities}
    where issue_id = ${issueId} and hour >= ${since.toISOString()}::timestamptz and tenant_id is not null
    group by tenant_id
    order by tenant_id
    on conflict (tenant_id) do update set last_seen = excluded.last_seen
    where ${tenantActivity.lastSeen} < excluded.last_seen`);
}

/**
 * Tenants seen since `since` (active), and how many of them this issue ever hit. One index range
 * for the first; the issue's tenants joined to their activity for the second.
 */
export async function countActiveTenants(
  db: Database,
  issueId: string,
  since: Date,
): Promise<{ active: number; hit: number }> {
  const [active] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(tenantActivity)
    .where(gte(tenantActivity.lastSeen, since));
  const [hit] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(issueTenants)
    .innerJoin(tenantActivity, eq(tenantActivity.tenantId, issueTenants.tenantId))
    .where(and(eq(issueTenants.issueId, issueId), gte(tenantActivity.lastSeen, since)));
  return { active: active?.count ?? 0, hit: hit?.count ?? 0 };
}

/** Which of `tenantIds` (the configured high-value ones) the issue hit. */
export async function listTenantsHitAmong(
  db: Database,
  issueId: string,
  tenantIds: string[],
): Promise<string[]> {
  if (tenantIds.length === 0) return [];
  const rows = await db
    .select({ tenantId: issueTenants.tenantId })
    .from(issueTenants)
    .where(and(eq(issueTenants.issueId, issueId), inArray(issueTenants.tenantId, tenantIds)))
    .orderBy(issueTenants.tenantId);
  return rows.map((r) => r.tenantId);
}
