import { and, inArray, sql } from "drizzle-orm";
import type { IssueLinkEvidence } from "@/lib/analysis/types";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issueLinks } from "../schema";
import { textArray } from "../text-array";
import { getIncidentRow, type IncidentRow, listIncidentCorrections, listIncidentIssues } from "./incidents";
import { listHourlyBuckets, timelineWindow } from "./issue-hours";

export type IncidentDetail = {
  incident: IncidentRow;
  issues: Awaited<ReturnType<typeof listIncidentIssues>>;
  links: { a: string; b: string; source: "auto" | "manual"; evidence: IssueLinkEvidence[] }[];
  topTenants: { tenantId: string; events: number; users: number }[];
  events: number;
  timeline: { hour: Date; events: number; users: number; tenants: number }[];
  corrections: Awaited<ReturnType<typeof listIncidentCorrections>>;
};

/** An incident with its issues, the links between them, combined blast radius and hourly timeline. */
export async function getIncidentDetail(db: Database, incidentId: number): Promise<IncidentDetail | null> {
  const incident = await getIncidentRow(db, incidentId);
  if (!incident) return null;
  const issues = await listIncidentIssues(db, incidentId);
  const ids = issues.map((i) => i.id);
  if (ids.length === 0) {
    return {
      incident,
      issues,
      links: [],
      topTenants: [],
      events: 0,
      timeline: [],
      corrections: await listIncidentCorrections(db, incidentId),
    };
  }
  const links = await db
    .select({
      a: issueLinks.issueA,
      b: issueLinks.issueB,
      source: issueLinks.source,
      evidence: issueLinks.evidence,
    })
    .from(issueLinks)
    .where(
      and(
        inArray(issueLinks.issueA, ids),
        inArray(issueLinks.issueB, ids),
        inArray(issueLinks.source, ["auto", "manual"]),
      ),
    );
  const tenants = rowsOf<{ tenant_id: string; events: string | number; users: string | number }>(
    await db.execute(sql`
      select tenant_id, sum(events)::bigint as events, count(distinct user_id)::bigint as users
      from issue_identities where issue_id = any(${textArray(ids)}) and tenant_id is not null
      group by tenant_id order by sum(events) desc, tenant_id limit 10`),
  );
  // The last 72 hours of the incident's activity, from the hourly rollup (never the events).
  const window = timelineWindow(incident.firstSeen, incident.lastSeen);
  const timeline = await listHourlyBuckets(db, { issueIds: ids, ...window });
  return {
    incident,
    issues,
    links: links.map((l) => ({ ...l, source: l.source as "auto" | "manual" })),
    topTenants: tenants.map((t) => ({
      tenantId: t.tenant_id,
      events: Number(t.events),
      users: Number(t.users),
    })),
    events: issues.reduce((sum, i) => sum + i.eventCount, 0),
    timeline,
    corrections: await listIncidentCorrections(db, incidentId),
  };
}
