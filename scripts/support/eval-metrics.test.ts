import { describe, expect, it } from "vitest";
import { chronologicalFolds, crossValidate } from "./eval-folds";
import { accuracyAt, collapseToGroups, groupRank, rankSummary, rocAuc } from "./eval-metrics";

describe("benchmark metrics on a hand-made dataset", () => {
  // Earlier reports a1, a2 (group A), b (group B), c (group C); scores of one query against them.
  const groups: Record<string, string> = { a1: "A", a2: "A", b: "B", c: "C" };
  const matches = [
    { id: "b", score: 0.9 },
    { id: "a2", score: 0.7 },
    { id: "a1", score: 0.4 },
    { id: "c", score: 0.7 },
  ];

  it("collapses members to their best-scoring group and ranks ties against the true group", () => {
    const scores = collapseToGroups(matches, (id) => groups[id] ?? id);
    expect(scores).toEqual(
      new Map([
        ["B", 0.9],
        ["A", 0.7],
        ["C", 0.7],
      ]),
    );
    expect(groupRank(scores, "B", 3)).toBe(1);
    expect(groupRank(scores, "A", 3)).toBe(3); // B beats it, C ties it
    expect(groupRank(scores, "D", 3)).toBe(4); // never retrieved: after all 3 seen groups
  });

  it("computes RR@k and MRR over ranks", () => {
    const summary = rankSummary([1, 2, 6, 20]);
    expect(summary["RR@1"]).toBe(0.25);
    expect(summary["RR@5"]).toBe(0.5);
    expect(summary["RR@10"]).toBe(0.75);
    expect(summary.MRR).toBeCloseTo((1 + 1 / 2 + 1 / 6 + 1 / 20) / 4, 10);
    expect(summary.queries).toBe(4);
  });

  it("computes ROC-AUC with ties counted half", () => {
    const perfect = [
      { score: 0.9, positive: true },
      { score: 0.2, positive: false },
    ];
    expect(rocAuc(perfect)).toBe(1);
    expect(rocAuc(perfect.map((p) => ({ ...p, positive: !p.positive })))).toBe(0);
    // Positive 0.5 ties one negative and beats another: (0.5 + 1) / 2.
    expect(
      rocAuc([
        { score: 0.5, positive: true },
        { score: 0.5, positive: false },
        { score: 0.1, positive: false },
      ]),
    ).toBe(0.75);
    expect(rocAuc([{ score: 1, positive: true }])).toBeNaN();
  });

  it("computes accuracy@k, counting a label never predicted as a miss", () => {
    const rows = [
      { label: "x", predicted: ["x", "y"] },
      { label: "y", predicted: ["x", "z", "y"] },
      { label: "unseen", predicted: ["x"] },
    ];
    expect(accuracyAt(rows, 1)).toBeCloseTo(1 / 3, 10);
    expect(accuracyAt(rows, 3)).toBeCloseTo(2 / 3, 10);
    expect(accuracyAt([], 1)).toBe(0);
  });

  it("cuts items into chronological folds and scores each fold with parameters chosen on the others", () => {
    const folds = chronologicalFolds([{ at: 3 }, { at: 1 }, { at: 2 }, { at: 4 }], 2);
    expect(folds.map((f) => f.map((i) => i.at))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const objective = new Map([
      ["p", [0.9, 0.1]],
      ["q", [0.5, 0.6]],
    ]);
    expect(crossValidate(objective, 2)).toEqual([
      { fold: 0, chosen: "q", inFold: 0.6, heldOut: 0.5 },
      { fold: 1, chosen: "p", inFold: 0.9, heldOut: 0.1 },
    ]);
  });
});
