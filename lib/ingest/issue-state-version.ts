import type { NewIssue } from "@/lib/db/queries/issues";
import type { IssueStateRecord } from "@/lib/sentry/to-issue";

export type IssueAction = "created" | "resolved" | "assigned" | "ignored" | "archived" | "unresolved";

// What "newer" means for Sentry's workflow state. issue.* deliveries arrive in any order (each is
// its own task, retried on its own), and a change of status or assignee carries no time of its own:
// Sentry's payload has only the issue's lastSeen (statusDetails holds no change time, and the
// Sentry-Hook-Timestamp header is unsigned and renewed on each retry). So a snapshot's version is
//   1. its lastSeen: a snapshot taken after a newer event is newer (this orders regressions and
//      escalations, which a new event causes, after the resolution they undo);
//   2. at the same lastSeen (no event in between: people changed it), the rank of its action.
//      Status: created < assigned < ignored/archived < resolved < unresolved. An issue is created
//      first and usually assigned before it is closed; between a close and a reopen with no event
//      between them the reopen wins, because an open issue shown as closed hides it from on-call,
//      while the reverse costs a glance. Assignee: an issue.assigned delivery outranks the
//      assignedTo that other actions carry incidentally; the poll ranks with created.
//   3. at the same lastSeen and rank, the greater state text: arbitrary, but every arrival order
//      then ends in the same state.
// Status and assignee are versioned apart, so an issue.resolved at the same lastSeen cannot undo
// an assignment, nor an issue.assigned a resolution.
const statusRanks: Record<IssueAction | "poll", number> = {
  poll: 0,
  created: 0,
  assigned: 1,
  ignored: 2,
  archived: 2,
  resolved: 3,
  unresolved: 4,
};

/** The issue row's state columns for one snapshot, versioned as above; lib/db compares them. */
export function versionedIssueState(
  state: IssueStateRecord,
  lastSeen: Date,
  action: IssueAction | "poll",
): Partial<NewIssue> {
  const status = {
    status: state.status,
    substatus: state.substatus,
    resolvedInRelease: state.resolvedInRelease,
    statusSeenAt: lastSeen,
    statusRank: statusRanks[action],
  };
  if (state.assignee === undefined) return status;
  return {
    ...status,
    assigneeType: state.assignee?.type ?? null,
    assigneeId: state.assignee?.id ?? null,
    assigneeName: state.assignee?.name ?? null,
    assigneeSeenAt: lastSeen,
    assigneeRank: action === "assigned" ? 2 : action === "poll" || action === "created" ? 0 : 1,
  };
}
