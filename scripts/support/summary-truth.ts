import type { ScenarioIssue } from "@/dev/cascades/generate-scenario";
import type { CategoryVerdict, OwnerVerdict, SummaryClaim } from "@/lib/analysis/types";

/** One summary claim scored against the scenario's truth, with the feature its confidence rests on. */
export type ScoredClaim = {
  kind: SummaryClaim["kind"];
  factor: string;
  confidence: number;
  /** For `root`: the grouping's raw root confidence (what the Platt map reads). */
  raw: number | null;
  holds: boolean;
};

/** One issue's final summary: its claims scored, and whether all of them held. */
export type ScoredSummary = {
  seed: number;
  issueId: string;
  confidence: number;
  allHold: boolean;
  claims: ScoredClaim[];
};

/** What the last grouping left for the issue, as the summary's claims are checked against it. */
export type IssueOutcome = {
  issue: ScenarioIssue;
  category: CategoryVerdict;
  owner: OwnerVerdict;
  /** The issue's incident now: its members' fires and its root; null when alone. */
  incident: { memberFires: (string | null)[]; rootIssueId: string; rootConfidence: number } | null;
  /** The true root issue of each fire. */
  rootOf: Map<string, string>;
};

// The fire most of an incident's issues belong to is the one it stands for (noise counts as none).
function incidentFire(fires: (string | null)[]): string | null {
  const votes = new Map<string | null, number>();
  for (const f of fires) votes.set(f, (votes.get(f) ?? 0) + 1);
  const [best] = [...votes.entries()].sort((x, y) => y[1] - x[1]);
  return best ? best[0] : null;
}

/**
 * Whether each claim of a summary holds: the category is the one a person gave the error; the
 * owner is the team owning the file it is raised in; "in incident" holds when the issue's fire is
 * the fire most of the incident's issues belong to (noise inside an incident: false); "in no
 * incident" holds for noise only; the root claim holds when the incident's root is the true root of
 * the issue's fire.
 */
export function scoreClaim(claim: SummaryClaim, outcome: IssueOutcome): boolean {
  const { issue, incident } = outcome;
  switch (claim.kind) {
    case "category":
      return outcome.category.category === issue.truth.category;
    case "owner":
      return outcome.owner.owner === issue.truth.ownerTeam;
    case "incident":
      if (claim.factor === "incident.member" || (!claim.factor && incident)) {
        return (
          incident !== null && issue.cascade !== null && incidentFire(incident.memberFires) === issue.cascade
        );
      }
      return issue.cascade === null;
    case "root":
      return (
        incident !== null &&
        issue.cascade !== null &&
        outcome.rootOf.get(issue.cascade) === incident.rootIssueId
      );
  }
}
