import { z } from "zod";
import { nullableString } from "./webhook-payload";

// Responses of the calls Sift makes to write back to Sentry; only the fields it reads.

const stringId = z.union([z.string().min(1), z.number()]).transform(String);

/** A note (comment) on an issue: Sentry serialises it as an Activity of type "note". */
export const sentryNote = z.looseObject({
  id: stringId,
  data: z.looseObject({ text: z.string() }),
});
export type SentryNote = z.infer<typeof sentryNote>;

export const sentryAssignee = z.looseObject({ type: z.string(), id: stringId, name: nullableString });
export type SentryAssignee = z.infer<typeof sentryAssignee>;

/** `GET|PUT /api/0/organizations/{org}/issues/{issue_id}/`: only who it is assigned to. */
export const sentryIssueAssignment = z.looseObject({ assignedTo: sentryAssignee.nullish() });

/** The same answer's workflow state: status, substatus and assignee. */
export const sentryIssueWorkflow = sentryIssueAssignment.extend({
  status: z.string(),
  substatus: nullableString,
});
export type SentryIssueWorkflow = z.infer<typeof sentryIssueWorkflow>;

/**
 * The body of `PUT …/issues/{issue_id}/` (operationId updateOrganizationIssue) for the changes Sift
 * makes; only the given fields change. Archiving is status `ignored` with an `archived_*` substatus
 * (Sentry's webhooks call it issue.ignored, or issue.archived for legacy subscriptions).
 */
export type SentryIssueUpdate =
  | { status: "resolved" | "unresolved" }
  | {
      status: "ignored";
      substatus: "archived_until_escalating" | "archived_forever" | "archived_until_condition_met";
      statusDetails?: { ignoreDuration: number };
    }
  | { assignedTo: string };

/** One entry of `GET /api/0/organizations/{org}/teams/` (operationId listOrganizationTeams). */
export const sentryTeam = z.looseObject({ id: stringId, slug: z.string() });
export type SentryTeam = z.infer<typeof sentryTeam>;
