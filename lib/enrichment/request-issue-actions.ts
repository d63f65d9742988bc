import type { Database } from "@/lib/db/connect";
import { type AuditActor, recordAudit } from "@/lib/db/queries/audit-log";
import {
  getIssueWorkflowState,
  ISSUE_ACTION_JOB,
  type IssueActionRow,
  insertIssueAction,
} from "@/lib/db/queries/issue-actions";
import { enqueueJob } from "@/lib/db/queries/jobs";
import type { IssueWorkflowState } from "@/lib/db/schema";
import { wakeWorkers } from "@/lib/jobs/wake";
import { statusUpdateOf } from "@/lib/sentry/issue-update";

/** What a triager asks Sift to do to an issue in Sentry. */
export type IssueActionRequest =
  | { action: "assign"; team: string }
  | { action: "resolve" }
  | { action: "archive"; until: "escalating" | "forever" | { minutes: number } }
  | { action: "unresolve" };

export type RequestOutcome =
  | { ok: true; actions: IssueActionRow[] }
  | { ok: false; reason: "not_found"; message: string };

function columnsOf(request: IssueActionRequest) {
  if (request.action === "assign") return { kind: request.action, team: request.team };
  if (request.action !== "archive") return { kind: request.action };
  const { until } = request;
  return typeof until === "string"
    ? { kind: request.action, until }
    : { kind: request.action, until: "minutes" as const, untilMinutes: until.minutes };
}

// The state the triager asked for, as the audit log's "after": Sentry's own field names.
function intendedState(row: IssueActionRow, before: IssueWorkflowState) {
  if (row.kind === "assign") {
    return { ...before, assignee: { type: "team", id: row.teamId, name: row.team } };
  }
  const update = statusUpdateOf({ ...row, kind: row.kind });
  const substatus = "substatus" in update ? update.substatus : null;
  const details = "statusDetails" in update ? { statusDetails: update.statusDetails } : {};
  return { ...before, status: "status" in update ? update.status : before.status, substatus, ...details };
}

/**
 * Records a triager's action on each issue at once, in one transaction: the action (pending until
 * Sentry has it), an audit row with the issue's state before and the state asked for, and one
 * issue_action job per issue, which writes it to Sentry. Nothing is written when any issue is
 * unknown.
 */
export async function requestIssueActions(
  db: Database,
  input: { issueIds: string[]; request: IssueActionRequest; actor: AuditActor; incidentId?: number },
): Promise<RequestOutcome> {
  const outcome = await db.transaction(async (tx): Promise<RequestOutcome> => {
    const actions: IssueActionRow[] = [];
    for (const issueId of input.issueIds) {
      const before = await getIssueWorkflowState(tx, issueId);
      if (!before) return { ok: false, reason: "not_found", message: `Issue ${issueId} not found.` };
      const row = await insertIssueAction(tx, {
        issueId,
        ...columnsOf(input.request),
        before,
        incidentId: input.incidentId ?? null,
        actor: input.actor.sub,
        actorName: input.actor.name,
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: `issue.${row.kind}`,
        target: { type: "issue", id: issueId },
        before,
        after: {
          ...intendedState(row, before),
          actionId: row.id,
          ...(input.incidentId ? { incidentId: input.incidentId } : {}),
        },
      });
      await enqueueJob(tx, ISSUE_ACTION_JOB, issueId);
      actions.push(row);
    }
    return { ok: true, actions };
  });
  if (outcome.ok) wakeWorkers();
  return outcome;
}
