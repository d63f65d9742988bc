import type { Database } from "@/lib/db/connect";
import { type AuditActor, recordAudit } from "@/lib/db/queries/audit-log";
import { setManualLink } from "@/lib/db/queries/incident-evidence";
import {
  getIncidentRow,
  listIncidentMemberIds,
  pinIncidentRoot,
  recordIncidentCorrection,
} from "@/lib/db/queries/incidents";
import { regroupIncidents } from "./regroup-incidents";

export type IncidentCorrection =
  | { action: "merge"; incidentId: number }
  | { action: "split"; issueIds: string[] }
  | { action: "set_root"; issueId: string };

export type CorrectionOutcome =
  | { ok: true; incidentId: number }
  | { ok: false; reason: "not_found" | "conflict"; message: string };

/**
 * Applies a triager's correction and regroups at once, in one transaction, recording who and when.
 * Merges and splits become links the grouping keeps obeying (a merge outranks any evidence; a split
 * can never be undone by new evidence, only by a merge); a root is pinned to the incident.
 * Returns the incident that now holds the corrected issues. The audit log gets the incident's root
 * and issues before and after, in the same transaction.
 */
export async function correctIncident(
  db: Database,
  incidentId: number,
  correction: IncidentCorrection,
  actor: AuditActor,
): Promise<CorrectionOutcome> {
  return db.transaction(async (tx) => {
    const incident = await getIncidentRow(tx, incidentId);
    if (!incident || incident.status === "merged" || incident.status === "dissolved") {
      return {
        ok: false,
        reason: "not_found",
        message: `Incident ${incidentId} not found or no longer open.`,
      };
    }
    const members = await listIncidentMemberIds(tx, incidentId);
    const before = { rootIssueId: incident.rootIssueId, issueIds: members };
    const record = (issueIds: string[], otherIncidentId: number | null = null) =>
      recordIncidentCorrection(tx, {
        incidentId,
        action: correction.action,
        issueIds,
        otherIncidentId,
        actor: actor.sub,
        actorName: actor.name,
        before,
      });
    const done = async (
      resultId: number,
      extra: Record<string, unknown> = {},
    ): Promise<CorrectionOutcome> => {
      const after = await getIncidentRow(tx, resultId);
      await recordAudit(tx, {
        actor,
        action: `incident.${correction.action}`,
        target: { type: "incident", id: incidentId },
        before: { ...before, ...extra },
        after: after && {
          incidentId: after.id,
          status: after.status,
          rootIssueId: after.rootIssueId,
          issueIds: await listIncidentMemberIds(tx, after.id),
        },
      });
      return { ok: true, incidentId: resultId };
    };
    if (correction.action === "set_root") {
      if (!members.includes(correction.issueId)) {
        return {
          ok: false,
          reason: "conflict",
          message: `Issue ${correction.issueId} is not in this incident.`,
        };
      }
      await pinIncidentRoot(tx, incidentId, correction.issueId);
      await record([correction.issueId]);
      await regroupIncidents(tx, members);
      return done(incidentId);
    }
    if (correction.action === "split") {
      const out = correction.issueIds.filter((id) => members.includes(id));
      if (out.length !== correction.issueIds.length || out.length >= members.length) {
        return {
          ok: false,
          reason: "conflict",
          message: "Split names issues of this incident, and leaves at least one in it.",
        };
      }
      const stay = members.filter((id) => !out.includes(id));
      for (const a of out) for (const b of stay) await setManualLink(tx, { a, b }, "apart", actor.sub);
      await record(out);
      await regroupIncidents(tx, members);
      return done(incidentId);
    }
    const other = await getIncidentRow(tx, correction.incidentId);
    if (!other || other.id === incidentId || other.status === "merged" || other.status === "dissolved") {
      return {
        ok: false,
        reason: "conflict",
        message: `Incident ${correction.incidentId} cannot be merged into this one.`,
      };
    }
    const otherMembers = await listIncidentMemberIds(tx, other.id);
    // A manual link between every pair outranks the evidence and lifts any split between them.
    for (const a of members)
      for (const b of otherMembers) await setManualLink(tx, { a, b }, "manual", actor.sub);
    await record(otherMembers, other.id);
    const placed = await regroupIncidents(tx, [...members, ...otherMembers]);
    return done(placed.get(incident.rootIssueId) ?? incidentId, {
      mergedWith: { incidentId: other.id, rootIssueId: other.rootIssueId, issueIds: otherMembers },
    });
  });
}
