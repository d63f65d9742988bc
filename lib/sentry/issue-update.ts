import type { SentryIssueUpdate } from "./api-write-payload";

/** A status change as Sift records it: resolve, unresolve, or archive until escalating, forever or for minutes. */
export type StatusChange = {
  kind: "resolve" | "archive" | "unresolve";
  until?: "escalating" | "forever" | "minutes" | null;
  untilMinutes?: number | null;
};

/**
 * The body of `PUT …/issues/{issue_id}/` for a status change. Archiving is status `ignored` with a
 * substatus naming how long (Sentry's "archive" in its UI; its webhooks say issue.ignored, or
 * issue.archived to legacy subscriptions); for a number of minutes it is statusDetails.ignoreDuration.
 */
export function statusUpdateOf(change: StatusChange): SentryIssueUpdate {
  if (change.kind === "resolve") return { status: "resolved" };
  if (change.kind === "unresolve") return { status: "unresolved" };
  if (change.until === "forever") return { status: "ignored", substatus: "archived_forever" };
  if (change.until === "minutes" && change.untilMinutes) {
    return {
      status: "ignored",
      substatus: "archived_until_condition_met",
      statusDetails: { ignoreDuration: change.untilMinutes },
    };
  }
  return { status: "ignored", substatus: "archived_until_escalating" };
}
