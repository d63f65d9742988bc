import type { SeerChange, SeerFinding, SeerPullRequest } from "@/lib/analysis/types";
import { httpUrlOrNull } from "./payload-links";
import type { SeerAction, SeerData, SeerFindingWire } from "./seer-payload";

export type SeerRunRecord = {
  runId: string;
  issueId: string;
  stage: string;
  status: "started" | "completed";
  rootCause: SeerFinding | null;
  solution: SeerFinding | null;
  changes: SeerChange[] | null;
  pullRequests: SeerPullRequest[] | null;
};

function findingFromSentry(finding: SeerFindingWire | null | undefined): SeerFinding | null {
  if (!finding) return null;
  return {
    description: finding.description ?? null,
    steps: (finding.steps ?? []).map((step) => {
      const file = step.relevant_code_file;
      const path = file?.file_path && file.file_path !== "N/A" ? file.file_path : null;
      const repo = file?.repo_name && file.repo_name !== "N/A" ? file.repo_name : null;
      return {
        title: step.title ?? null,
        analysis: step.code_snippet_and_analysis ?? null,
        file: path ? [repo, path].filter(Boolean).join(": ") : null,
        important: step.is_most_important_event === true,
      };
    }),
  };
}

/** One seer.* delivery as the stage it reports and whatever it found; diffs are left out. */
export function seerRunFromSentry(action: SeerAction, data: SeerData): SeerRunRecord {
  const stage = action === "pr_created" ? "pr" : action.replace(/_(started|completed)$/, "");
  return {
    runId: data.run_id,
    issueId: data.group_id,
    stage,
    status: action.endsWith("_started") ? "started" : "completed",
    rootCause: findingFromSentry(data.root_cause),
    solution: findingFromSentry(data.solution),
    changes:
      data.changes?.map((change) => ({
        repo: change.repo_name ?? null,
        title: change.title ?? null,
        description: change.description ?? null,
        branch: change.branch_name ?? null,
      })) ?? null,
    pullRequests:
      data.pull_requests?.map((pr) => ({
        // Pull requests live on any code host, so only the scheme is checked.
        url: httpUrlOrNull(pr.pull_request?.pr_url),
        number: pr.pull_request?.pr_number ?? null,
        repo: pr.repo_name ?? null,
        provider: pr.provider ?? null,
      })) ?? null,
  };
}
