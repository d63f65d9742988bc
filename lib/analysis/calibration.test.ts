import { describe, expect, it } from "vitest";
import { type CalibrationPair, calibrationBins, expectedCalibrationError } from "./calibration";
import {
  claimConfidence,
  platt,
  SUMMARY_CLAIM_PARAMS,
  summaryClaims,
  summaryConfidence,
} from "./summary-confidence";

const IDENTITY = { slope: 1, intercept: 0 };
// Stated probabilities of their own, away from 1, so the test does not depend on the fitted ones.
const STATED = {
  ...SUMMARY_CLAIM_PARAMS,
  category: { type: 0.9, message: 0.8, frame: 0.7, none: 0.6 },
  incident: { member: 0.85, alone: 0.9, aloneFresh: 0.7 },
  owner: { rule: 0.9 },
  root: IDENTITY,
  summary: IDENTITY,
};

import type { CategoryVerdict, OwnerVerdict } from "./types";

// mulberry32: a small seeded generator, so every run draws the same outcomes.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("expectedCalibrationError", () => {
  it("weighs each bin's gap between confidence and accuracy by its share of pairs", () => {
    const pairs: CalibrationPair[] = [
      // bin 0.9–1.0: mean 0.9, 1 of 2 right → gap 0.4, weight 2/4
      { confidence: 0.9, correct: true },
      { confidence: 0.9, correct: false },
      // bin 0.2–0.3: mean 0.2, 0 of 2 right → gap 0.2, weight 2/4
      { confidence: 0.2, correct: false },
      { confidence: 0.2, correct: false },
    ];
    expect(expectedCalibrationError(pairs, 10)).toBeCloseTo(0.5 * 0.4 + 0.5 * 0.2, 10);
    expect(expectedCalibrationError([])).toBe(0);
    // A confidence of exactly 1 lands in the last bin, not past it.
    expect(calibrationBins([{ confidence: 1, correct: true }], 4).at(-1)?.count).toBe(1);
  });

  it("is small for outcomes drawn with the stated probability and large when they are not (seeded)", () => {
    const random = seeded(42);
    const calibrated: CalibrationPair[] = [];
    const overconfident: CalibrationPair[] = [];
    for (let i = 0; i < 20_000; i++) {
      const p = random();
      const draw = random();
      calibrated.push({ confidence: p, correct: draw < p });
      // Right only p² of the time while claiming p: off by up to a quarter.
      overconfident.push({ confidence: p, correct: draw < p * p });
    }
    expect(expectedCalibrationError(calibrated)).toBeLessThan(0.02);
    expect(expectedCalibrationError(overconfident)).toBeGreaterThan(0.15);
  });

  it("finds the summary confidence calibrated when each claim holds with its stated probability (seeded)", () => {
    // The summary's claims are independent by construction here: each holds with its own
    // confidence, so the product is calibrated and the ECE small. Raising every claim's stated
    // confidence without changing how often it holds must show as a larger error.
    const random = seeded(7);
    const bases: CategoryVerdict[] = [
      { category: "database", reason: "exception type", evidence: ['exception type "X"'] },
      { category: "network", reason: "message", evidence: ['message "timed out"'] },
      { category: "other", reason: "no rule matched" },
    ];
    const owners: OwnerVerdict[] = [
      { owner: "#payments", source: "ownership_rule", rule: "path:src/** #payments" },
      { owner: "#triage", source: "fallback", rule: null },
    ];
    const honest: CalibrationPair[] = [];
    const boastful: CalibrationPair[] = [];
    for (let i = 0; i < 20_000; i++) {
      const inIncident = random() < 0.5;
      const claims = summaryClaims(
        {
          category: bases[Math.floor(random() * bases.length)] as CategoryVerdict,
          owner: owners[Math.floor(random() * owners.length)] as OwnerVerdict,
          incident: inIncident
            ? {
                id: 1,
                issueCount: 4,
                role: "symptom",
                rootIssueId: "1",
                rootLabel: "PAY-1",
                rootTitle: null,
                rootConfidence: 0.5 + random() / 2,
              }
            : null,
          ageSeconds: random() * 1200,
        },
        STATED,
      );
      const allHold = claims.every((c) => random() < c.confidence);
      // The plain product (identity map): the fitted map corrects for dependence this test has none of.
      honest.push({ confidence: summaryConfidence(claims, IDENTITY), correct: allHold });
      boastful.push({
        confidence: summaryConfidence(
          claims.map((c) => ({ confidence: Math.min(1, c.confidence + 0.08) })),
          IDENTITY,
        ),
        correct: allHold,
      });
    }
    expect(expectedCalibrationError(honest)).toBeLessThan(0.02);
    expect(expectedCalibrationError(boastful)).toBeGreaterThan(0.1);
  }, 30_000);
});

describe("platt and claimConfidence", () => {
  it("maps through σ(slope · logit(p) + intercept), leaving p alone under the identity", () => {
    expect(platt(0.8, IDENTITY)).toBe(0.8);
    // Slope ½ pulls toward ½ (an overconfident score); an intercept shifts every probability.
    expect(platt(0.8, { slope: 0.5, intercept: 0 })).toBeCloseTo(2 / 3, 6);
    expect(platt(0.5, { slope: 2, intercept: Math.log(3) })).toBeCloseTo(0.75, 6);
    expect(platt(1, { slope: 1, intercept: 0.1 })).toBeLessThan(1);
  });

  it("reads each factor from its table and refuses one it does not know", () => {
    expect(claimConfidence("category.frame")).toBe(SUMMARY_CLAIM_PARAMS.category.frame);
    expect(claimConfidence("incident.aloneFresh")).toBe(SUMMARY_CLAIM_PARAMS.incident.aloneFresh);
    expect(claimConfidence("owner.rule")).toBe(SUMMARY_CLAIM_PARAMS.owner.rule);
    expect(() => claimConfidence("owner.learned")).toThrow(/unknown summary claim factor/);
  });
});

describe("summaryConfidence", () => {
  it("is the product of the claims' confidences through the map, 1 with none", () => {
    expect(summaryConfidence([{ confidence: 0.9 }, { confidence: 0.8 }], IDENTITY)).toBe(0.72);
    expect(summaryConfidence([{ confidence: 0.9 }, { confidence: 0.8 }], { slope: 1, intercept: 1 })).toBe(
      Math.round(platt(0.72, { slope: 1, intercept: 1 }) * 1000) / 1000,
    );
    expect(summaryConfidence([])).toBe(1);
    expect(summaryConfidence([{ confidence: 1.4 }, { confidence: -1 }], IDENTITY)).toBe(0);
  });

  it("rests on the category's basis, incident membership and root, and a rule's owner", () => {
    const claims = summaryClaims({
      category: { category: "database", reason: "", evidence: ['exception type "PG::Error"'] },
      owner: { owner: "#db", source: "ownership_rule", rule: "path:db/** #db" },
      incident: {
        id: 7,
        issueCount: 5,
        role: "symptom",
        rootIssueId: "12",
        rootLabel: "PAY-12",
        rootTitle: null,
        rootConfidence: 0.8,
      },
      ageSeconds: 30,
    });
    expect(claims.map((c) => [c.kind, c.confidence])).toEqual([
      ["category", SUMMARY_CLAIM_PARAMS.category.type],
      ["incident", SUMMARY_CLAIM_PARAMS.incident.member],
      ["root", claimConfidence("root", 0.8)],
      ["owner", SUMMARY_CLAIM_PARAMS.owner.rule],
    ]);
    expect(claims[2]?.claim).toBe("root is PAY-12");
  });

  it("trusts a lone fresh issue's solitude less, and makes no incident claim when none was looked up", () => {
    const base = {
      category: { category: "network" as const, reason: "", evidence: ['message "timeout"'] },
      owner: { owner: "#triage", source: "fallback" as const, rule: null },
    };
    const fresh = summaryClaims({ ...base, incident: null, ageSeconds: 60 });
    const settled = summaryClaims({ ...base, incident: null, ageSeconds: 86_400 });
    expect(fresh.map((c) => c.confidence)).toEqual([
      SUMMARY_CLAIM_PARAMS.category.message,
      SUMMARY_CLAIM_PARAMS.incident.aloneFresh,
    ]);
    expect(settled[1]?.confidence).toBe(SUMMARY_CLAIM_PARAMS.incident.alone);
    expect(summaryClaims({ ...base, ageSeconds: 60 }).map((c) => c.kind)).toEqual(["category"]);
  });
});
