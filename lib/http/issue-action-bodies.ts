import type { IssueActionItem } from "@/lib/contracts/issue-actions";
import type { IssueActionRow } from "@/lib/db/queries/issue-actions";

const untilText = (row: IssueActionRow) =>
  row.until === "minutes" ? `${row.untilMinutes} minutes` : row.until;

export const toIssueActionItem = (row: IssueActionRow): IssueActionItem => ({
  id: String(row.id),
  issueId: row.issueId,
  action: row.kind,
  team: row.team,
  until: row.kind === "archive" ? untilText(row) : null,
  status: row.status,
  note: row.note,
  by: row.actorName ?? row.actor,
  at: new Date(row.createdAt).toISOString(),
  settledAt: row.settledAt ? new Date(row.settledAt).toISOString() : null,
});
