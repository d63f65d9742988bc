import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { RootVerdict } from "@/lib/analysis/types";
import type { Database } from "../connect";
import { incidentCorrections, incidentIssues, incidents, issues, projects } from "../schema";
import { textArray } from "../text-array";

export type IncidentRow = typeof incidents.$inferSelect;

// Grouping reads links and rewrites incidents of overlapping issue sets; one at a time keeps two
// jobs from giving one issue to two incidents. Grouping is milliseconds, so the wait is short.
export async function lockIncidentGrouping(db: Database): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('sift_incident_grouping'))`);
}

/** The incident each of these issues is in now, with its pinned root. */
export async function currentIncidentsOf(
  db: Database,
  issueIds: string[],
): Promise<{ issueId: string; incidentId: number; rootIssueId: string; pinnedRootIssueId: string | null }[]> {
  if (issueIds.length === 0) return [];
  return db
    .select({
      issueId: incidentIssues.issueId,
      incidentId: incidentIssues.incidentId,
      rootIssueId: incidents.rootIssueId,
      pinnedRootIssueId: incidents.pinnedRootIssueId,
    })
    .from(incidentIssues)
    .innerJoin(incidents, eq(incidents.id, incidentIssues.incidentId))
    .where(inArray(incidentIssues.issueId, issueIds));
}

/** A new incident for a group; its counts are filled by refreshIncident. */
export async function createIncident(db: Database, root: RootVerdict, title: string): Promise<number> {
  const [row] = await db
    .insert(incidents)
    .values({
      rootIssueId: root.issueId,
      root,
      title,
      status: "open",
      issueCount: 0,
      firstSeen: sql`now()`,
      lastSeen: sql`now()`,
      userCount: 0,
      tenantCount: 0,
    })
    .returning({ id: incidents.id });
  return (row as { id: number }).id;
}

/** Puts exactly `issueIds` in the incident (moving them from any other) and names its root. */
export async function setIncidentMembers(
  db: Database,
  incidentId: number,
  issueIds: string[],
  root: RootVerdict,
  title: string,
): Promise<void> {
  await db
    .insert(incidentIssues)
    .values(issueIds.map((issueId) => ({ issueId, incidentId })))
    .onConflictDoUpdate({
      target: incidentIssues.issueId,
      set: { incidentId, updatedAt: sql`now()` },
      setWhere: sql`${incidentIssues.incidentId} <> ${incidentId}`,
    });
  await db
    .delete(incidentIssues)
    .where(
      and(
        eq(incidentIssues.incidentId, incidentId),
        sql`not (${incidentIssues.issueId} = any(${textArray(issueIds)}))`,
      ),
    );
  await db
    .update(incidents)
    .set({ rootIssueId: root.issueId, root, title, updatedAt: sql`now()` })
    .where(eq(incidents.id, incidentId));
}

/** Names the incident's root anew, keeping its members. */
export async function setIncidentRoot(db: Database, incidentId: number, root: RootVerdict, title: string) {
  await db
    .update(incidents)
    .set({ rootIssueId: root.issueId, root, title, updatedAt: sql`now()` })
    .where(eq(incidents.id, incidentId));
}

/** Takes these issues out of whatever incident they are in: they stand alone now. */
export async function removeFromIncidents(db: Database, issueIds: string[]): Promise<void> {
  if (issueIds.length > 0) await db.delete(incidentIssues).where(inArray(incidentIssues.issueId, issueIds));
}

/** Recounts an incident from its members: seen range, distinct users and tenants, open or resolved. */
export async function refreshIncident(db: Database, incidentId: number): Promise<void> {
  await db.execute(sql`
    update incidents set
      issue_count = s.issue_count, first_seen = s.first_seen, last_seen = s.last_seen, status = s.status,
      user_count = (select count(distinct u.user_id) from issue_users u
        join incident_issues m on m.issue_id = u.issue_id where m.incident_id = ${incidentId}),
      tenant_count = (select count(distinct t.tenant_id) from issue_tenants t
        join incident_issues m on m.issue_id = t.issue_id where m.incident_id = ${incidentId}),
      updated_at = now()
    from (select count(*)::int as issue_count, min(i.first_seen) as first_seen, max(i.last_seen) as last_seen,
        case when bool_and(i.status = 'resolved') then 'resolved' else 'open' end as status
      from incident_issues m join issues i on i.id = m.issue_id where m.incident_id = ${incidentId}) s
    where incidents.id = ${incidentId} and s.issue_count > 0`);
}

/** An incident left without members: its issues went to `into`, or (null) apart. */
export async function retireIncident(db: Database, incidentId: number, into: number | null): Promise<void> {
  await db
    .update(incidents)
    .set({
      status: into === null ? "dissolved" : "merged",
      mergedInto: into,
      issueCount: 0,
      updatedAt: sql`now()`,
    })
    .where(eq(incidents.id, incidentId));
}

export async function pinIncidentRoot(db: Database, incidentId: number, issueId: string): Promise<void> {
  await db
    .update(incidents)
    .set({ pinnedRootIssueId: issueId, updatedAt: sql`now()` })
    .where(eq(incidents.id, incidentId));
}

export async function getIncidentRow(db: Database, incidentId: number): Promise<IncidentRow | null> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  return row ?? null;
}

export async function listIncidentMemberIds(db: Database, incidentId: number): Promise<string[]> {
  const rows = await db
    .select({ issueId: incidentIssues.issueId })
    .from(incidentIssues)
    .where(eq(incidentIssues.incidentId, incidentId));
  return rows.map((r) => r.issueId).sort();
}

export type IncidentCursor = { lastSeen: Date; id: number };

export type IncidentSummary = IncidentRow & { issueIds: string[]; priorityTier: number | null };

/** Incidents newest activity first (dissolved and merged ones left out), one keyset page. */
export async function listIncidents(
  db: Database,
  options: { limit: number; cursor?: IncidentCursor | null; status?: "open" | "resolved" },
): Promise<IncidentSummary[]> {
  const { cursor } = options;
  const rows = await db
    .select({
      incident: incidents,
      issueIds: sql<
        string[]
      >`coalesce((select array_agg(m.issue_id order by m.issue_id) from ${incidentIssues} m
        where m.incident_id = incidents.id), '{}'::text[])`,
      // The most urgent tier among its issues (0 = P0); null until one has a priority.
      priorityTier: sql<number | null>`(select min(i.priority_tier) from ${incidentIssues} m
        join ${issues} i on i.id = m.issue_id where m.incident_id = incidents.id)`,
    })
    .from(incidents)
    .where(
      and(
        options.status
          ? eq(incidents.status, options.status)
          : inArray(incidents.status, ["open", "resolved"]),
        cursor
          ? or(
              lt(incidents.lastSeen, cursor.lastSeen),
              and(eq(incidents.lastSeen, cursor.lastSeen), lt(incidents.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(incidents.lastSeen), desc(incidents.id))
    .limit(options.limit);
  return rows.map((r) => ({
    ...r.incident,
    issueIds: r.issueIds,
    priorityTier: r.priorityTier === null ? null : Number(r.priorityTier),
  }));
}

const rootIssues = alias(issues, "root_issues");

/**
 * The incident an issue is in now, with its root: the grouping's verdict (its confidence) and the
 * root issue's short id and title (null when the root's row is gone). Null when it stands alone.
 */
export async function getIssueIncident(
  db: Database,
  issueId: string,
): Promise<{
  id: number;
  rootIssueId: string;
  title: string;
  issueCount: number;
  status: string;
  root: RootVerdict;
  rootShortId: string | null;
  rootTitle: string | null;
} | null> {
  const [row] = await db
    .select({
      id: incidents.id,
      rootIssueId: incidents.rootIssueId,
      title: incidents.title,
      issueCount: incidents.issueCount,
      status: incidents.status,
      root: incidents.root,
      rootShortId: rootIssues.shortId,
      rootTitle: rootIssues.title,
    })
    .from(incidentIssues)
    .innerJoin(incidents, eq(incidents.id, incidentIssues.incidentId))
    .leftJoin(rootIssues, eq(rootIssues.id, incidents.rootIssueId))
    .where(eq(incidentIssues.issueId, issueId));
  return row ?? null;
}

export type NewIncidentCorrection = typeof incidentCorrections.$inferInsert;

export async function recordIncidentCorrection(
  db: Database,
  correction: NewIncidentCorrection,
): Promise<void> {
  await db.insert(incidentCorrections).values(correction);
}

export async function listIncidentCorrections(db: Database, incidentId: number) {
  return db
    .select()
    .from(incidentCorrections)
    .where(
      or(eq(incidentCorrections.incidentId, incidentId), eq(incidentCorrections.otherIncidentId, incidentId)),
    )
    .orderBy(desc(incidentCorrections.createdAt), desc(incidentCorrections.id));
}

/** Issue rows of an incident's members, for its page. */
export async function listIncidentIssues(db: Database, incidentId: number) {
  return db
    .select({
      id: issues.id,
      shortId: issues.shortId,
      projectId: issues.projectId,
      projectSlug: projects.slug,
      title: issues.title,
      culprit: issues.culprit,
      level: issues.level,
      status: issues.status,
      platform: issues.platform,
      firstSeen: issues.firstSeen,
      lastSeen: issues.lastSeen,
      eventCount: issues.eventCount,
      userCount: issues.userCount,
      tenantCount: issues.tenantCount,
    })
    .from(incidentIssues)
    .innerJoin(issues, eq(issues.id, incidentIssues.issueId))
    .innerJoin(projects, eq(projects.id, issues.projectId))
    .where(eq(incidentIssues.incidentId, incidentId))
    .orderBy(issues.firstSeen, issues.id);
}
