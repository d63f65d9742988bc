import { z } from "zod";
import { nullableString, numericId } from "./webhook-payload";

// seer.* payloads (https://docs.sentry.io/organization/integrations/integration-platform/webhooks/seer/):
// every action names its run and issue; the completed ones add what Seer found.

export const seerActions = [
  "root_cause_started",
  "root_cause_completed",
  "solution_started",
  "solution_completed",
  "coding_started",
  "coding_completed",
  "triage_started",
  "triage_completed",
  "impact_assessment_started",
  "impact_assessment_completed",
  "pr_created",
] as const;
export type SeerAction = (typeof seerActions)[number];

const seerStep = z.looseObject({
  title: nullableString,
  code_snippet_and_analysis: nullableString,
  relevant_code_file: z.looseObject({ file_path: nullableString, repo_name: nullableString }).nullish(),
  is_most_important_event: z.boolean().nullish(),
});

export const seerFinding = z.looseObject({ description: nullableString, steps: z.array(seerStep).nullish() });
export type SeerFindingWire = z.infer<typeof seerFinding>;

export const seerChange = z.looseObject({
  repo_name: nullableString,
  title: nullableString,
  description: nullableString,
  branch_name: nullableString,
});

export const seerPullRequest = z.looseObject({
  pull_request: z.looseObject({ pr_number: z.number().int().nullish(), pr_url: nullableString }).nullish(),
  repo_name: nullableString,
  provider: nullableString,
});

// What each action must carry for Sift to show it; an action not listed carries nothing required.
const requiredField: Partial<Record<SeerAction, "root_cause" | "solution" | "changes" | "pull_requests">> = {
  root_cause_completed: "root_cause",
  solution_completed: "solution",
  coding_completed: "changes",
  pr_created: "pull_requests",
};

export const seerData = z.looseObject({
  run_id: numericId,
  group_id: numericId,
  root_cause: seerFinding.nullish(),
  solution: seerFinding.nullish(),
  changes: z.array(seerChange).nullish(),
  pull_requests: z.array(seerPullRequest).nullish(),
});
export type SeerData = z.infer<typeof seerData>;

/** Refines a whole seer payload: a completed stage must carry what it completed. */
export function hasRequiredSeerField(payload: { action: SeerAction; data: SeerData }): boolean {
  const field = requiredField[payload.action];
  return !field || payload.data[field] != null;
}
