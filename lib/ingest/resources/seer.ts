import { z } from "zod";
import { mergeSeerRun } from "@/lib/db/queries/seer-runs";
import { hasRequiredSeerField, seerActions, seerData } from "@/lib/sentry/seer-payload";
import { seerRunFromSentry } from "@/lib/sentry/to-seer";
import { webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

// seer.*: Seer's progress on an issue (root cause, solution, code changes, pull request), merged
// into one row per run and shown on the issue's page.
export const seerResource = defineWebhookResource({
  schema: z
    .looseObject({ ...webhookEnvelope, action: z.enum(seerActions), data: seerData })
    .refine(hasRequiredSeerField, { message: "a completed Seer stage carries its result", path: ["data"] }),
  dedupeIds: (payload) => [idAt(payload.data, "run_id")],
  async store(tx, payload, options) {
    const run = seerRunFromSentry(payload.action, payload.data);
    await mergeSeerRun(tx, { ...run, updatedAt: options.receivedAt });
    return { issueId: run.issueId };
  },
});
