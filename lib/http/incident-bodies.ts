import type {
  IncidentDetailResponse,
  IncidentListItem,
  IncidentListResponse,
  IncidentMember,
} from "@/lib/contracts/incidents";
import type { IncidentDetail } from "@/lib/db/queries/incident-detail";
import type { IncidentCursor, IncidentRow, IncidentSummary } from "@/lib/db/queries/incidents";

const iso = (date: Date | string) => new Date(date).toISOString();

export function encodeIncidentCursor(row: IncidentRow): string {
  return Buffer.from(`${iso(row.lastSeen)}|${row.id}`).toString("base64url");
}

/** Null for anything encodeIncidentCursor did not make, so the route can answer 400. */
export function decodeIncidentCursor(value: string): IncidentCursor | null {
  const [lastSeen, id, extra] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const at = new Date(lastSeen ?? "");
  if (extra !== undefined || !id || !/^\d{1,18}$/.test(id) || Number.isNaN(at.getTime())) return null;
  return { lastSeen: at, id: Number(id) };
}

function toListItem(row: IncidentRow, issueIds: string[], priority: string | null): IncidentListItem {
  return {
    id: String(row.id),
    rootIssueId: row.rootIssueId,
    issueIds,
    title: row.title,
    status: row.status,
    firstSeen: iso(row.firstSeen),
    lastSeen: iso(row.lastSeen),
    userCount: row.userCount,
    tenantCount: row.tenantCount,
    priority,
    root: row.root,
  };
}

export function toIncidentListBody(rows: IncidentSummary[], limit: number): IncidentListResponse {
  const last = rows.length === limit ? rows.at(-1) : undefined;
  return {
    items: rows.map((r) => toListItem(r, r.issueIds, r.priorityTier === null ? null : `P${r.priorityTier}`)),
    nextCursor: last ? encodeIncidentCursor(last) : null,
  };
}

export function toIncidentDetailBody(detail: IncidentDetail): IncidentDetailResponse {
  const { incident } = detail;
  const root = detail.issues.find((i) => i.id === incident.rootIssueId);
  const rootFirstSeen = root ? root.firstSeen.getTime() : incident.firstSeen.getTime();
  const members: IncidentMember[] = detail.issues.map((issue) => ({
    id: issue.id,
    shortId: issue.shortId,
    projectId: issue.projectId,
    projectSlug: issue.projectSlug,
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    status: issue.status,
    platform: issue.platform,
    firstSeen: iso(issue.firstSeen),
    lastSeen: iso(issue.lastSeen),
    eventCount: issue.eventCount,
    userCount: issue.userCount,
    tenantCount: issue.tenantCount,
    role: issue.id === incident.rootIssueId ? "root" : "symptom",
    offsetSeconds: Math.round((issue.firstSeen.getTime() - rootFirstSeen) / 100) / 10,
    links: detail.links
      .filter((l) => l.a === issue.id || l.b === issue.id)
      .map((l) => ({ issueId: l.a === issue.id ? l.b : l.a, source: l.source, evidence: l.evidence })),
  }));
  members.sort((x, y) =>
    x.role === "root" ? -1 : y.role === "root" ? 1 : x.offsetSeconds - y.offsetSeconds,
  );
  return {
    incident: {
      ...toListItem(incident, detail.issues.map((i) => i.id).sort(), null),
      mergedInto: incident.mergedInto === null ? null : String(incident.mergedInto),
      issueCount: incident.issueCount,
    },
    issues: members,
    blastRadius: {
      events: detail.events,
      users: incident.userCount,
      tenants: incident.tenantCount,
      topTenants: detail.topTenants,
    },
    timeline: detail.timeline.map((t) => ({ ...t, hour: iso(t.hour) })),
    corrections: detail.corrections.map((c) => ({
      action: c.action,
      issueIds: c.issueIds,
      otherIncidentId: c.otherIncidentId === null ? null : String(c.otherIncidentId),
      actor: c.actor,
      actorName: c.actorName,
      at: iso(c.createdAt),
    })),
  };
}
