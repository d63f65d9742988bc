import type { ErrorCategory, IncidentFacts, Suspects } from "./types";

export type NextStepInput = {
  category: ErrorCategory;
  /** Where it broke, as the summary names it (file and function), if known. */
  where: string | null;
  suspects: Suspects | null;
  incident: IncidentFacts | null;
};

// A commit this suspect (the share of the strongest possible evidence) is worth naming first; a
// weaker one is listed on the page but not sent for.
const COMMIT_WORTH_NAMING = 0.5;
const SHORT_SHA = 7;
const MAX_MESSAGE = 60;

const BY_CATEGORY: Record<ErrorCategory, (where: string | null) => string> = {
  null_access: (where) => `find why the value is missing${where ? ` in ${where}` : ""}`,
  type_error: (where) => `check the types of the values used${where ? ` in ${where}` : ""}`,
  network: () => "check the connection to the service it calls (timeouts, DNS, the service's status)",
  upstream_5xx: () => "check the health of the upstream service that answers 5xx",
  auth: () => "check the tokens, sessions and permissions of the failing requests",
  validation: () => "check the input it rejects and who sends it",
  database: () => "check the database's health (connections, locks, slow or failed queries)",
  asset_load: () => "check that the latest deploy still serves the assets old pages ask for",
  resource_exhaustion: () => "check memory, disk and recursion depth where it runs",
  rate_limit: () => "check the quota of the rate-limited API and the retry policy",
  configuration: () => "check the deployment's configuration (environment variables, installed modules)",
  third_party_script: () => "check the third-party script's status, or filter it out",
  other: (where) => (where ? `open ${where} where it throws` : "read the latest event's stack and message"),
};

function authorName(author: string | null): string | null {
  return author?.replace(/\s*<[^>]*>\s*$/, "").trim() || null;
}

function firstLine(text: string): string {
  const line = text.split("\n")[0]?.trim() ?? "";
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/**
 * One suggested next step, by the first rule that applies: a symptom of an incident → its root
 * first; a strong suspect commit → that commit and its author; an uncategorised error with a
 * suspect release → compare it with the one before; else what the category says to check. Pure, O(1).
 */
export function suggestNextStep(input: NextStepInput): string {
  const { incident, suspects } = input;
  if (incident?.role === "symptom") return `look at the root ${incident.rootLabel} first`;
  const commit = suspects?.commits[0];
  if (commit && commit.score >= COMMIT_WORTH_NAMING) {
    const by = authorName(commit.author);
    return `check commit ${commit.sha.slice(0, SHORT_SHA)}${by ? ` by ${by}` : ""} ("${firstLine(commit.message)}")`;
  }
  if (suspects?.release && input.category === "other") {
    return `compare release ${suspects.release} with the one before it`;
  }
  return BY_CATEGORY[input.category](input.where);
}
