import type { IssueActionRow } from "@/lib/db/queries/issue-actions";
import type { SentryIssueUpdate, SentryIssueWorkflow } from "@/lib/sentry/api-write-payload";
import { statusUpdateOf } from "@/lib/sentry/issue-update";

export type IssueActionPlan =
  | { kind: "write"; update: SentryIssueUpdate }
  /** Sentry already shows what was asked: nothing to write (an earlier attempt's PUT, or anyone's same change). */
  | { kind: "done"; note: string }
  /** Someone changed it in Sentry after it was asked in Sift: their change wins, nothing is written. */
  | { kind: "superseded"; note: string };

type Action = Pick<IssueActionRow, "kind" | "until" | "untilMinutes" | "before">;

const targetStatus = { resolve: "resolved", archive: "ignored", unresolve: "unresolved" } as const;

const who = (a: { type: string; id: string; name?: string | null }) =>
  `${a.type === "team" ? "#" : ""}${a.name ?? `${a.type}:${a.id}`}`;

/**
 * Whether to write one action, given Sentry's state read just before the write. Sift writes only
 * over the state the triager saw (the action's `before`): if Sentry now shows something else, a
 * person changed it there since, and a later human change in Sentry wins. `teamId`: the Sentry id
 * of the team an assignment names.
 */
export function planIssueAction(
  action: Action,
  current: Pick<SentryIssueWorkflow, "status" | "assignedTo">,
  teamId?: string,
): IssueActionPlan {
  if (action.kind === "assign") {
    const now = current.assignedTo ?? null;
    if (now?.type === "team" && now.id === teamId) return { kind: "done", note: `Sentry shows ${who(now)}` };
    const before = action.before.assignee;
    const unchanged = now === null ? before === null : before?.type === now.type && before.id === now.id;
    if (!unchanged && now) return { kind: "superseded", note: `assigned to ${who(now)} in Sentry since` };
    if (!unchanged) return { kind: "superseded", note: "unassigned in Sentry since" };
    return { kind: "write", update: { assignedTo: `team:${teamId}` } };
  }
  const target = targetStatus[action.kind];
  if (current.status === target) return { kind: "done", note: `Sentry shows ${target}` };
  if (current.status !== action.before.status) {
    return { kind: "superseded", note: `${current.status} in Sentry since` };
  }
  return { kind: "write", update: statusUpdateOf({ ...action, kind: action.kind }) };
}
