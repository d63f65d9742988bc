import { type CategoryBasis, categoryBasis } from "./categorise";
import fitted from "./summary-confidence-fit.json";
import type { CategoryVerdict, IncidentFacts, OwnerVerdict, SummaryClaim } from "./types";

/**
 * The free parameters: the probability that each kind of claim is right, by the evidence feature it
 * rests on, and a Platt map (slope, intercept on the logit) of the grouping's root confidence. They
 * are fitted, with a last Platt map of the claims' product (`summary`, see summaryConfidence),
 * on generated cascades of seeds 1–200 by `npm run fit:summary-confidence`, which reads the
 * claims `npm run replay:incidents -- --from 1 --to 200 --claims <file>` (or eval:incidents with
 * the same flags) scored against the generator's truth and rewrites `summary-confidence-fit.json`;
 * docs/benchmarks.md reports the calibration on seeds 201–400.
 * - category: a rule on the exception type, on message words or on a library frame, or "other"
 *   (no rule matched);
 * - incident: membership of an incident (the issue is the same fire as the others), or standing
 *   alone, which is less sure while the issue is fresh: grouping runs after the analysis and
 *   cascades still form within the burst window, so a fresh lone issue may yet be joined;
 * - owner: an ownership rule's owner (a fallback owner is no claim: nothing matched).
 */
export const SUMMARY_CLAIM_PARAMS = {
  category: fitted.category satisfies Record<CategoryBasis, number>,
  incident: fitted.incident,
  owner: fitted.owner,
  root: fitted.root,
  summary: fitted.summary,
  /** Where the numbers above come from. */
  fittedOn: fitted.fittedOn,
  /** An issue first seen less than this before the analysis counts as fresh. */
  freshSeconds: 600,
};

export type SummaryClaimParams = typeof SUMMARY_CLAIM_PARAMS;

export type SummaryClaimFacts = {
  category: CategoryVerdict;
  owner: OwnerVerdict;
  /** The incident as grouping left it; null: alone; undefined: not looked up (no claim). */
  incident?: IncidentFacts | null;
  /** Seconds between the first event and the analysis; null when unknown (not fresh). */
  ageSeconds: number | null;
};

const clamp01 = (p: number) => Math.min(1, Math.max(0, p));

// Platt scaling keeps 0 and 1 out of the logit: no grouping verdict is certain.
const EDGE = 0.001;

export type PlattMap = { slope: number; intercept: number };

/**
 * A Platt map of a probability: σ(slope · logit(p) + intercept), p kept inside (0, 1); the
 * identity map (slope 1, intercept 0) returns p as it is.
 */
export function platt(p: number, map: PlattMap): number {
  if (map.slope === 1 && map.intercept === 0) return clamp01(p);
  const q = Math.min(1 - EDGE, Math.max(EDGE, p));
  const z = map.slope * Math.log(q / (1 - q)) + map.intercept;
  return 1 / (1 + Math.exp(-z));
}

/**
 * The confidence of a claim resting on `factor` (as summaryClaims names it); `raw` is the
 * grouping's root confidence for `root`. Throws on a factor it does not know.
 */
export function claimConfidence(
  factor: string,
  raw: number | null = null,
  params = SUMMARY_CLAIM_PARAMS,
): number {
  const [group, key] = factor.split(".") as [string, string | undefined];
  if (group === "root") return Math.round(platt(clamp01(raw ?? 0), params.root) * 1000) / 1000;
  const table: Record<string, number> | undefined =
    group === "category"
      ? params.category
      : group === "incident"
        ? params.incident
        : group === "owner"
          ? params.owner
          : undefined;
  const value = key === undefined ? undefined : table?.[key];
  if (value === undefined) throw new Error(`unknown summary claim factor ${factor}`);
  return value;
}

/**
 * The summary's checkable claims, each with its probability of being right:
 * - `category`: the category is right, from SUMMARY_CLAIM_PARAMS.category by categoryBasis;
 * - `incident`: the issue belongs to its incident's fire (member), or to no cascade (alone);
 * - `root`: (in an incident) the named root is the fire's cause, RootVerdict.confidence through
 *   the fitted Platt map (identity at slope 1, intercept 0);
 * - `owner`: (from a rule) the rule's owner is right.
 * Pure, O(1).
 */
export function summaryClaims(facts: SummaryClaimFacts, params = SUMMARY_CLAIM_PARAMS): SummaryClaim[] {
  const basis = categoryBasis(facts.category);
  const claims: SummaryClaim[] = [
    {
      kind: "category",
      claim: `category ${facts.category.category}`,
      basis: basis === "none" ? "no category rule matched" : `a rule matched on the ${basisWords[basis]}`,
      confidence: claimConfidence(`category.${basis}`, null, params),
      factor: `category.${basis}`,
    },
  ];
  const { incident } = facts;
  if (incident) {
    claims.push({
      kind: "incident",
      claim: `in incident #${incident.id} with ${incident.issueCount - 1} other issues`,
      basis: "linked by shared traces or a burst on one release or tenant set",
      confidence: claimConfidence("incident.member", null, params),
      factor: "incident.member",
    });
    claims.push({
      kind: "root",
      claim: incident.role === "root" ? "this issue is the incident's root" : `root is ${incident.rootLabel}`,
      basis: "the grouping's root verdict",
      confidence: claimConfidence("root", incident.rootConfidence, params),
      factor: "root",
    });
  } else if (incident === null) {
    const fresh = facts.ageSeconds !== null && facts.ageSeconds < params.freshSeconds;
    claims.push({
      kind: "incident",
      claim: "in no incident",
      basis: fresh
        ? "no links yet, but first seen minutes ago: a cascade may still form"
        : "no links to other issues",
      confidence: claimConfidence(fresh ? "incident.aloneFresh" : "incident.alone", null, params),
      factor: fresh ? "incident.aloneFresh" : "incident.alone",
    });
  }
  if (facts.owner.source === "ownership_rule") {
    claims.push({
      kind: "owner",
      claim: `owner ${facts.owner.owner}`,
      basis: "an ownership rule matched",
      confidence: claimConfidence("owner.rule", null, params),
      factor: "owner.rule",
    });
  }
  return claims;
}

const basisWords: Record<Exclude<CategoryBasis, "none">, string> = {
  type: "exception type",
  message: "message",
  frame: "library frame",
};

/**
 * The probability that every claim is right: the product of the claims' confidences (claims are
 * taken as independent; each comes from different evidence), through the fitted Platt map that
 * corrects for what independence gets wrong (claims about one grouping fail together). Rounded to
 * three decimals; 1 for no claims. This is what `npm run eval:incidents` calibrates: pair it with
 * whether all of a summary's claims held and pass the pairs to expectedCalibrationError.
 */
export function summaryConfidence(
  claims: readonly { confidence: number }[],
  map: PlattMap = SUMMARY_CLAIM_PARAMS.summary,
): number {
  if (claims.length === 0) return 1;
  const product = claims.reduce((p, c) => p * clamp01(c.confidence), 1);
  return Math.round(platt(product, map) * 1000) / 1000;
}
