import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { incidentIssues, incidents, issues, issueTenants, tenantHours, tenantIdentities } from "../schema";

const DAY_MS = 86_400_000;
/** Most incidents and roles the tenant page lists; both are ordered so the cut keeps the useful end. */
const MOST_INCIDENTS = 20;
const MOST_ROLES = 50;
/** How many of the newest issues are looked through for the tenant's before taking its maximum. */
const NEWEST_ISSUES = 2000;

export type TenantWindow = { events: number; users: number };

export type TenantSummary = {
  tenantId: string;
  issueCount: number;
  openIssueCount: number;
  /** Last seen among the tenant's issues; null when it has none. */
  lastSeen: Date | null;
  /**
   * Events and distinct users of this tenant in the last 24 hours and 7 days (the tenant rollups:
   * events the worker has rolled up, as the issue timelines).
   */
  last24h: TenantWindow;
  last7d: TenantWindow;
  /** Roles the tenant's users had on the events (rolled up as the windows), most users first. */
  roles: { role: string; users: number }[];
  /** Incidents holding at least one of the tenant's issues, most recently active first. */
  incidents: {
    id: number;
    title: string;
    status: string;
    lastSeen: Date;
    issueCount: number;
    /** How many of the incident's issues hit this tenant. */
    tenantIssues: number;
  }[];
};

// The tenant's issues are issue_tenants' tenant index (tens of thousands for a large tenant): they
// are counted from that index alone; the open ones are it merged in id order with issues_open
// (index-only, never the issue rows); the newest last seen is the first of the newest issues
// (issues_recent) that is the tenant's, found in a few rows for a tenant hit lately, and only for
// a tenant quiet that long its issues' maximum. The incidents join them to the few incident
// members. (Counting and the newest last seen in one merge with issues_id_last_seen read all
// 100,000 of its entries for bench:ui's largest tenant, where these read its 10,000 and a few.)
// The windows and roles read the tenant's own rollups (tenant_hours, tenant_identities) by key.
const tenantIssueIds = (tenantId: string) =>
  sql`(select ${issueTenants.issueId} from ${issueTenants} where ${issueTenants.tenantId} = ${tenantId})`;

/** What one tenant is going through; null when no stored event ever named it. */
export async function getTenantSummary(
  db: Database,
  params: { tenantId: string; now: Date },
): Promise<TenantSummary | null> {
  const { tenantId, now } = params;
  const [counts] = rowsOf<{ issues: number; open: number; last_seen: Date | string | null }>(
    await db.execute(sql`
      select
        (select count(*)::int from ${issueTenants} where ${issueTenants.tenantId} = ${tenantId}) as issues,
        coalesce(
          (select r.last_seen from (select i.id, i.last_seen from ${issues} i
              order by i.last_seen desc limit ${NEWEST_ISSUES}) r
            where exists (select from ${issueTenants} t where t.issue_id = r.id and t.tenant_id = ${tenantId})
            order by r.last_seen desc limit 1),
          (select max(i.last_seen) from ${issueTenants} t join ${issues} i on i.id = t.issue_id
            where t.tenant_id = ${tenantId})) as last_seen,
        (select count(*)::int from ${issueTenants} t join ${issues} o on o.id = t.issue_id
          where t.tenant_id = ${tenantId} and o.status = 'unresolved') as open`),
  );
  if (!counts || counts.issues === 0) return null;
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  // An identity's newest hour is in a window exactly when one of its hours is, so distinct users
  // of the identities whose newest hour is in it are the window's users.
  const [windows] = rowsOf<{ events24: string; users24: number; events7: string; users7: number }>(
    await db.execute(sql`
      select
        (select coalesce(sum(h.events) filter (where h.hour >= ${dayAgo}::timestamptz), 0)
          from ${tenantHours} h where h.tenant_id = ${tenantId} and h.hour >= ${weekAgo}::timestamptz) as events24,
        (select coalesce(sum(h.events), 0)
          from ${tenantHours} h where h.tenant_id = ${tenantId} and h.hour >= ${weekAgo}::timestamptz) as events7,
        (select (count(distinct t.user_id) filter (where t.last_hour >= ${dayAgo}::timestamptz))::int
          from ${tenantIdentities} t where t.tenant_id = ${tenantId} and t.last_hour >= ${weekAgo}::timestamptz) as users24,
        (select count(distinct t.user_id)::int
          from ${tenantIdentities} t where t.tenant_id = ${tenantId} and t.last_hour >= ${weekAgo}::timestamptz) as users7`),
  );
  const roles = rowsOf<{ role: string; users: number }>(
    await db.execute(sql`
      select r.role, count(distinct t.user_id)::int as users
      from ${tenantIdentities} t cross join lateral unnest(t.roles) as r(role)
      where t.tenant_id = ${tenantId}
      group by r.role order by users desc, r.role limit ${MOST_ROLES}`),
  );
  const incidentRows = rowsOf<{
    id: string | number;
    title: string;
    status: string;
    last_seen: Date | string;
    issue_count: number;
    tenant_issues: number;
  }>(
    await db.execute(sql`
      select i.id, i.title, i.status, i.last_seen, i.issue_count, count(*)::int as tenant_issues
      from ${incidentIssues} m join ${incidents} i on i.id = m.incident_id
      where m.issue_id in ${tenantIssueIds(tenantId)}
      group by i.id order by i.last_seen desc, i.id desc limit ${MOST_INCIDENTS}`),
  );
  return {
    tenantId,
    issueCount: counts.issues,
    openIssueCount: counts.open,
    lastSeen: counts.last_seen === null ? null : new Date(counts.last_seen),
    last24h: { events: Number(windows?.events24 ?? 0), users: windows?.users24 ?? 0 },
    last7d: { events: Number(windows?.events7 ?? 0), users: windows?.users7 ?? 0 },
    roles,
    incidents: incidentRows.map((row) => ({
      id: Number(row.id),
      title: row.title,
      status: row.status,
      lastSeen: new Date(row.last_seen),
      issueCount: row.issue_count,
      tenantIssues: row.tenant_issues,
    })),
  };
}
