import { z } from "zod";
import { getIssueWorkflowState, settleActionsShownBySentry } from "@/lib/db/queries/issue-actions";
import { enqueueAnalysis } from "@/lib/db/queries/jobs";
import { assigneeFromSentry } from "@/lib/sentry/to-issue";
import { sentryAssignee, sentryIssue, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { storeIssue } from "../store-issue";
import { defineWebhookResource, idAt } from "./webhook-resource";

// issue.*: Sentry's record of the issue, no stack trace. Its status, substatus and assignee are
// mirrored unless Sift holds a newer version (issue-state-version.ts); a new issue is analysed,
// which reads its latest event from the API. `archived` is what legacy subscriptions get for
// `ignored`.
export const issueResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.enum(["created", "resolved", "assigned", "ignored", "archived", "unresolved"]),
    data: z.looseObject({ issue: sentryIssue, assignee: sentryAssignee.nullish() }),
  }),
  dedupeIds: ({ action, data }) => {
    const ids = [idAt(data, "issue", "id"), idAt(data, "issue", "lastSeen"), idAt(data, "issue", "status")];
    if (action !== "assigned") return ids;
    // Two assignments of one issue with no event between them differ only in the assignee.
    const assignee = data.assignee ?? data.issue.assignedTo;
    return [...ids, assignee ? `${assignee.type}/${assignee.id}` : "nobody"];
  },
  async store(tx, payload, options) {
    const { action, data } = payload;
    const assignee = action === "assigned" && data.assignee ? assigneeFromSentry(data.assignee) : undefined;
    const { issueId } = await storeIssue(tx, data.issue, {
      action,
      assignee,
      sentryHosts: options.sentryHosts,
    });
    if (action === "created" && !options.ownWrite) {
      await enqueueAnalysis(tx, issueId, { minIntervalSeconds: 0 });
    }
    // A triager's pending action is done once Sentry shows it: Sift's own echo says so by itself;
    // anyone else's delivery only through the mirrored state, which an older snapshot cannot change.
    const shown = options.ownWrite
      ? { status: data.issue.status, assignee: assignee ?? data.issue.assignedTo ?? null }
      : await getIssueWorkflowState(tx, issueId);
    if (shown) await settleActionsShownBySentry(tx, issueId, shown);
    return { issueId };
  },
});
