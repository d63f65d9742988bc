import type { IssueActionItem } from "@/lib/contracts/issue-actions";
import { RelativeTime } from "./relative-time";

/** "Resolve", "Assign to #payments", "Archive (until escalating)": what was asked, in words. */
export function describeAction(action: Pick<IssueActionItem, "action" | "team" | "until">): string {
  if (action.action === "assign") return `Assign to #${action.team}`;
  if (action.action === "archive")
    return `Archive (${action.until === "escalating" ? "until escalating" : action.until === "forever" ? "forever" : `for ${action.until}`})`;
  return action.action === "resolve" ? "Resolve" : "Unresolve";
}

const STATUS_TEXT: Record<IssueActionItem["status"], string> = {
  pending: "pending: writing to Sentry…",
  succeeded: "done in Sentry",
  failed: "failed",
  superseded: "not written",
};

const STATUS_STYLE: Record<IssueActionItem["status"], string> = {
  pending: "border-sky-200 bg-sky-50 text-sky-800",
  succeeded: "border-emerald-200 bg-emerald-50 text-emerald-800",
  failed: "border-red-200 bg-red-50 text-red-800",
  superseded: "border-zinc-200 bg-zinc-100 text-zinc-700",
};

/** One action's state: what was asked, by whom and when, and whether Sentry has it (with why not). */
export function ActionStatus({ action }: { action: IssueActionItem }) {
  return (
    <li
      data-testid={`action-${action.action}`}
      data-status={action.status}
      className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-700"
    >
      <span className="font-medium text-zinc-900">{describeAction(action)}</span>
      <span className={`rounded-md border px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[action.status]}`}>
        {STATUS_TEXT[action.status]}
      </span>
      <span className="text-xs text-zinc-500">
        by {action.by} <RelativeTime value={action.at} />
      </span>
      {action.note && action.status !== "succeeded" ? (
        <span className="w-full text-xs text-zinc-600" data-testid="action-note">
          {action.note}
        </span>
      ) : null}
    </li>
  );
}
