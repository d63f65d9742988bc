import { type CategoryBasis, categoryBasis } from "./categorise";
import type { CategoryVerdict, IncidentFacts, OwnerVerdict, SummaryClaim } from "./types";

/**
 * The free parameters: the probability that each kind of claim is right, by what it rests on.
 * Starting values are judgements, to be refitted on generated cascades (`npm run eval:incidents`
 * measures the expected calibration error of the product); the root's confidence needs none, it
 * comes from the grouping's own calibrated RootVerdict.
 * - category: a rule on the exception type is rarely wrong, message words more often, a library
 *   frame more often still; "other" is right when no rule should have matched.
 * - incident: membership of an incident (the issue is the same fire as the others), or standing
 *   alone, which is less sure while the issue is fresh: grouping runs after the analysis and
 *   cascades still form within the burst window, so a fresh lone issue may yet be joined.
 * - owner: an ownership rule's owner (a fallback owner is no claim: nothing matched).
 */
export const SUMMARY_CLAIM_PARAMS = {
  category: { type: 0.95, message: 0.85, frame: 0.75, none: 0.7 } satisfies Record<CategoryBasis, number>,
  incident: { member: 0.9, alone: 0.95, aloneFresh: 0.75 },
  owner: { rule: 0.95 },
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

/**
 * The summary's checkable claims, each with its probability of being right:
 * - `category`: the category is right, from SUMMARY_CLAIM_PARAMS.category by categoryBasis;
 * - `incident`: the issue belongs to its incident's fire (member), or to no cascade (alone);
 * - `root`: (in an incident) the named root is the fire's cause, RootVerdict.confidence;
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
      confidence: params.category[basis],
    },
  ];
  const { incident } = facts;
  if (incident) {
    claims.push({
      kind: "incident",
      claim: `in incident #${incident.id} with ${incident.issueCount - 1} other issues`,
      basis: "linked by shared traces or a burst on one release or tenant set",
      confidence: params.incident.member,
    });
    claims.push({
      kind: "root",
      claim: incident.role === "root" ? "this issue is the incident's root" : `root is ${incident.rootLabel}`,
      basis: "the grouping's root verdict",
      confidence: clamp01(incident.rootConfidence),
    });
  } else if (incident === null) {
    const fresh = facts.ageSeconds !== null && facts.ageSeconds < params.freshSeconds;
    claims.push({
      kind: "incident",
      claim: "in no incident",
      basis: fresh
        ? "no links yet, but first seen minutes ago: a cascade may still form"
        : "no links to other issues",
      confidence: fresh ? params.incident.aloneFresh : params.incident.alone,
    });
  }
  if (facts.owner.source === "ownership_rule") {
    claims.push({
      kind: "owner",
      claim: `owner ${facts.owner.owner}`,
      basis: "an ownership rule matched",
      confidence: params.owner.rule,
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
 * taken as independent; each comes from different evidence). Rounded to three decimals; 1 for no
 * claims. This is what `npm run eval:incidents` calibrates: pair it with whether all of a
 * summary's claims held and pass the pairs to expectedCalibrationError.
 */
export function summaryConfidence(claims: readonly { confidence: number }[]): number {
  const product = claims.reduce((p, c) => p * clamp01(c.confidence), 1);
  return Math.round(product * 1000) / 1000;
}
