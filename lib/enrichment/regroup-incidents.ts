import { groupIssues } from "@/lib/analysis/incident-groups";
import { defaultLinkSettings } from "@/lib/analysis/incident-links";
import { chooseRoot } from "@/lib/analysis/incident-root";
import type { IncidentIssueFacts } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import { loadIncidentFacts, loadLinkClosure } from "@/lib/db/queries/incident-evidence";
import {
  createIncident,
  currentIncidentsOf,
  listIncidentMemberIds,
  lockIncidentGrouping,
  refreshIncident,
  removeFromIncidents,
  retireIncident,
  setIncidentMembers,
  setIncidentRoot,
} from "@/lib/db/queries/incidents";
import { ANALYSE_ISSUE_JOB, enqueueJob } from "@/lib/db/queries/jobs";

// A cascade bigger than this is grouped in parts; far beyond any fire seen in practice.
const CLOSURE_CAP = 500;

/**
 * Regroups the incidents around `seeds` from the links stored now: every issue reachable over links
 * and the incidents they are in are grouped again, and each group keeps the incident id most of its
 * issues had, so pages and links stay put while incidents merge and split. Must run in a
 * transaction; one grouping runs at a time. Returns the incident of each seed (null: alone).
 */
export async function regroupIncidents(db: Database, seeds: string[]): Promise<Map<string, number | null>> {
  await lockIncidentGrouping(db);
  const closure = await loadLinkClosure(db, seeds, CLOSURE_CAP);
  const groups = groupIssues(closure.issueIds, closure.links, closure.apart);
  const current = await currentIncidentsOf(db, closure.issueIds);
  const incidentOf = new Map(current.map((c) => [c.issueId, c.incidentId]));
  const pinnedOf = new Map(current.map((c) => [c.incidentId, c.pinnedRootIssueId]));
  const rootBefore = new Map(current.map((c) => [c.issueId, c.rootIssueId]));
  const facts = new Map(
    (
      await loadIncidentFacts(db, groups.flat(), {
        newReleaseSeconds: defaultLinkSettings.burstWindowSeconds,
      })
    ).map((f) => [f.id, f] as [string, IncidentIssueFacts]),
  );

  // Biggest groups choose first; each takes the incident most of its issues are in, if still free.
  const ordered = [...groups].sort((x, y) => y.length - x.length);
  const taken = new Set<number>();
  const assigned = new Map<string, number>();
  for (const group of ordered) {
    const votes = new Map<number, number>();
    for (const id of group) {
      const incident = incidentOf.get(id);
      if (incident !== undefined && !taken.has(incident)) votes.set(incident, (votes.get(incident) ?? 0) + 1);
    }
    const [kept] = [...votes.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const members = group.flatMap((id) => facts.get(id) ?? []);
    const root = chooseRoot(members, { pinned: kept ? pinnedOf.get(kept[0]) : null });
    const title = facts.get(root.issueId)?.title ?? "";
    const incidentId = kept ? kept[0] : await createIncident(db, root, title);
    taken.add(incidentId);
    await setIncidentMembers(db, incidentId, group, root, title);
    await refreshIncident(db, incidentId);
    for (const id of group) assigned.set(id, incidentId);
    // Summaries name the incident and its root: an issue whose incident or root changed is
    // analysed again (that analysis regroups without a change, so this does not loop).
    for (const id of group) {
      if (incidentOf.get(id) !== incidentId || rootBefore.get(id) !== root.issueId) {
        await enqueueJob(db, ANALYSE_ISSUE_JOB, id);
      }
    }
  }
  const leaving = closure.issueIds.filter((id) => !assigned.has(id) && incidentOf.has(id));
  await removeFromIncidents(db, leaving);
  for (const id of leaving) await enqueueJob(db, ANALYSE_ISSUE_JOB, id);
  // Incidents that lost every issue: merged into where most of them went, or dissolved.
  for (const incidentId of new Set(current.map((c) => c.incidentId))) {
    if (taken.has(incidentId)) continue;
    const went = new Map<number, number>();
    for (const c of current) {
      const now = c.incidentId === incidentId ? assigned.get(c.issueId) : undefined;
      if (now !== undefined) went.set(now, (went.get(now) ?? 0) + 1);
    }
    const [into] = [...went.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    await retireIncident(db, incidentId, into ? into[0] : null);
  }
  return new Map(seeds.map((s) => [s, assigned.get(s) ?? null]));
}

/**
 * For an issue whose links did not change: its incident keeps its members, but the root's evidence
 * (traces led, first seen) and the counts move with each event, so they are recomputed. Must run in
 * a transaction.
 */
export async function refreshIncidentOf(db: Database, issueId: string): Promise<void> {
  await lockIncidentGrouping(db);
  const [current] = await currentIncidentsOf(db, [issueId]);
  if (!current) return;
  const members = await loadIncidentFacts(db, await listIncidentMemberIds(db, current.incidentId), {
    newReleaseSeconds: defaultLinkSettings.burstWindowSeconds,
  });
  const root = chooseRoot(members, { pinned: current.pinnedRootIssueId });
  const title = members.find((m) => m.id === root.issueId)?.title ?? "";
  await setIncidentRoot(db, current.incidentId, root, title);
  if (root.issueId !== current.rootIssueId) {
    for (const member of members) await enqueueJob(db, ANALYSE_ISSUE_JOB, member.id);
  }
  await refreshIncident(db, current.incidentId);
}
