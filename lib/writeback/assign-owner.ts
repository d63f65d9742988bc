import type { OwnerVerdict } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import type { IssueRow } from "@/lib/db/queries/issue-row";
import { noteAssignment, recordAssignment, type WritebackRow } from "@/lib/db/queries/writebacks";
import type { SentryWrites } from "@/lib/sentry/api-writes";
import { planAssignment } from "./plan-assignment";

/**
 * Assigns the issue to its owning team (`team:<id>`, the team found by slug among the
 * organisation's teams) when the owner is confident, once, and never over someone else's
 * assignment: the mirrored assignee is checked first, then Sentry's current one just before the PUT.
 * An assignee that is already the owning team (an earlier attempt whose PUT succeeded but whose
 * commit did not) counts as done.
 */
export async function assignOwner(
  db: Database,
  issue: Pick<IssueRow, "id" | "assigneeType" | "assigneeId" | "assigneeName">,
  owner: OwnerVerdict,
  state: WritebackRow,
  api: SentryWrites,
): Promise<void> {
  // The assignee as mirrored from Sentry's issue.* webhooks and the poll; null: unassigned or unknown.
  const mirrored = issue.assigneeType
    ? { type: issue.assigneeType, id: issue.assigneeId ?? "", name: issue.assigneeName }
    : null;
  const plan = planAssignment("assign", owner, { assignment: state.assignment, mirrored });
  if (plan.kind === "skip") {
    if (plan.leave) await recordAssignment(db, issue.id, { state: "left", team: null, note: plan.reason });
    else if (!state.assignment) await noteAssignment(db, issue.id, plan.reason);
    return;
  }
  const slug = plan.teamSlug.toLowerCase();
  const team = (await api.listTeams()).find((t) => t.slug.toLowerCase() === slug);
  if (!team) {
    await noteAssignment(db, issue.id, `no team "${plan.teamSlug}" in the Sentry organisation`);
    return;
  }
  const target = `team:${team.id}`;
  const current = await api.getIssueAssignee(issue.id);
  if (current === undefined) {
    await noteAssignment(db, issue.id, "Sentry does not know the issue");
    return;
  }
  if (current) {
    const ours = current.type === "team" && current.id === team.id;
    await recordAssignment(
      db,
      issue.id,
      ours
        ? { state: "assigned", team: target, note: `assigned to #${team.slug}` }
        : { state: "left", team: null, note: `already assigned to ${current.name ?? current.id} in Sentry` },
    );
    return;
  }
  await api.assignIssue(issue.id, target);
  await recordAssignment(db, issue.id, {
    state: "assigned",
    team: target,
    note: `assigned to #${team.slug}`,
  });
}
