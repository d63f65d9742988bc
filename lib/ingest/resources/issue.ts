import { z } from "zod";
import { enqueueAnalysis } from "@/lib/db/queries/jobs";
import { sentryIssue, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { storeIssue } from "../store-issue";
import { defineWebhookResource, idAt } from "./webhook-resource";

// issue.*: Sentry's record of the issue, no stack trace; a new issue is analysed, which reads its
// latest event from the API.
export const issueResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.enum(["created", "resolved", "assigned", "ignored", "archived", "unresolved"]),
    data: z.looseObject({ issue: sentryIssue }),
  }),
  dedupeIds: ({ data }) => [
    idAt(data, "issue", "id"),
    idAt(data, "issue", "lastSeen"),
    idAt(data, "issue", "status"),
  ],
  async store(tx, payload) {
    const { issueId } = await storeIssue(tx, payload.data.issue);
    if (payload.action === "created") await enqueueAnalysis(tx, issueId, { minIntervalSeconds: 0 });
    return { issueId };
  },
});
