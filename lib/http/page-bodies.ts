import type { TenantTier } from "@/lib/analysis/types";
import type { ReleaseResponse, TeamResponse, TenantResponse } from "@/lib/contracts/pages";
import type { ReleaseSummary } from "@/lib/db/queries/release-summary";
import type { TeamSummary } from "@/lib/db/queries/team-summary";
import type { TenantSummary } from "@/lib/db/queries/tenant-summary";

// Rows of the tenant, team and release pages become response bodies here: dates become ISO strings.

const iso = (date: Date) => date.toISOString();

export function toTenantBody(summary: TenantSummary, tier: TenantTier | null): TenantResponse {
  return {
    ...summary,
    tier,
    lastSeen: summary.lastSeen && iso(summary.lastSeen),
    incidents: summary.incidents.map((incident) => ({
      ...incident,
      id: String(incident.id),
      lastSeen: iso(incident.lastSeen),
    })),
  };
}

export function toTeamBody(owner: string, inRules: boolean, counts: TeamSummary): TeamResponse {
  return { owner, inRules, counts };
}

export function toReleaseBody(summary: ReleaseSummary): ReleaseResponse {
  return {
    ...summary,
    projects: summary.projects.map((p) => ({ projectId: p.projectId, firstSeen: iso(p.firstSeen) })),
  };
}

/** The owner a team URL names: "payments" is #payments, an email stays an email. */
export function ownerOfTeam(team: string): string {
  return team.includes("@") ? team.toLowerCase() : team.startsWith("#") ? team : `#${team}`;
}
