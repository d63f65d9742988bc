import { describe, expect, it } from "vitest";
import { isLikelyDuplicate, LIKELY_DUPLICATE_SCORE, rankSimilarIssues } from "./rank-similar-issues";
import { DEFAULT_SIMILARITY } from "./similarity/similarity-index";

const query = [
  { exception: "java.io.IOException", message: "stream closed", frames: ["a.B.read", "a.B.open", "x.T.run"] },
];

describe("rankSimilarIssues", () => {
  it("orders by cosine, says which frames (crash site first), exception and words are shared", () => {
    const ranked = rankSimilarIssues(
      query,
      [
        { issueId: "2", cosine: 0.4, sharedTerms: ["f:x.T.run"] },
        {
          issueId: "1",
          cosine: 0.9,
          sharedTerms: ["w:stream", "f:x.T.run", "e:java.io.IOException", "f:a.B.read", "c:a.B"],
        },
        { issueId: "3", cosine: 0.4, sharedTerms: ["w:closed"] },
      ],
      DEFAULT_SIMILARITY,
      2,
    );
    expect(ranked).toEqual([
      {
        issueId: "1",
        score: 0.9,
        why: { sharedFrames: ["a.B.read", "x.T.run"], exception: true, messageWords: ["stream"] },
      },
      { issueId: "2", score: 0.4, why: { sharedFrames: ["x.T.run"], exception: false, messageWords: [] } },
    ]);
  });

  it("shows shared message words as the query spells them, not as their indexed stems", () => {
    const failing = [{ exception: null, message: "Connection failures while reading", frames: ["a.B.read"] }];
    const [match] = rankSimilarIssues(
      failing,
      [{ issueId: "1", cosine: 0.5, sharedTerms: ["w:connect", "w:failur", "w:gone"] }],
      DEFAULT_SIMILARITY,
      1,
    );
    expect(match?.why.messageWords).toEqual(["connection", "failures", "gone"]);
  });

  it("adds the frame alignment when the options re-rank by it", () => {
    const candidates = [
      { issueId: "far", cosine: 0.5, sharedTerms: [], frames: ["q.Q.q", "r.R.r", "x.T.run"] },
      { issueId: "near", cosine: 0.45, sharedTerms: [], frames: ["a.B.read", "a.B.open", "x.T.run"] },
    ];
    expect(rankSimilarIssues(query, candidates, DEFAULT_SIMILARITY, 2)[0]?.issueId).toBe("far");
    for (const alignment of ["lcs", "tracesim"] as const) {
      const options = { ...DEFAULT_SIMILARITY, alignmentWeight: 0.5, alignment };
      const aligned = rankSimilarIssues(query, candidates, options, 2);
      expect(aligned[0]?.issueId).toBe("near");
      // The weighted mean of the cosine and the (perfect) alignment.
      expect(aligned[0]?.score).toBeCloseTo((0.45 + 0.5 * 1) / 1.5, 6);
    }
  });

  it("adds the title's cosine and scales by recency, as the in-memory index scores", () => {
    const day = 86_400_000;
    const candidates = [
      { issueId: "old", cosine: 0.8, titleCosine: 0.2, sharedTerms: [], at: 0 },
      { issueId: "new", cosine: 0.8, titleCosine: 0.2, sharedTerms: [], at: 170 * day },
    ];
    const ranked = rankSimilarIssues(query, candidates, DEFAULT_SIMILARITY, 2, {
      titleWeight: 0.5,
      at: 180 * day,
    });
    expect(ranked.map((m) => m.issueId)).toEqual(["new", "old"]);
    const factor = (ageDays: number) => (1 + 0.5 ** (ageDays / 180)) / 2;
    expect(ranked[0]?.score).toBeCloseTo((factor(10) * (0.8 + 0.5 * 0.2)) / 1.5, 9);
    expect(ranked[1]?.score).toBeCloseTo((factor(180) * (0.8 + 0.5 * 0.2)) / 1.5, 9);
    // Without a title the stack alone is the score, on the same scale.
    expect(rankSimilarIssues(query, candidates, DEFAULT_SIMILARITY, 1)[0]?.score).toBeCloseTo(0.8, 9);
  });
});

describe("isLikelyDuplicate", () => {
  const open = (id: string, day: number) => ({
    id,
    status: "unresolved",
    firstSeen: new Date(Date.UTC(2026, 0, day)),
  });
  it("marks the newer of two open issues above the threshold, and nothing else", () => {
    expect(isLikelyDuplicate(open("2", 5), open("1", 1), LIKELY_DUPLICATE_SCORE)).toBe(true);
    expect(isLikelyDuplicate(open("1", 1), open("2", 5), 1)).toBe(false);
    expect(isLikelyDuplicate(open("2", 5), open("1", 1), LIKELY_DUPLICATE_SCORE - 0.01)).toBe(false);
    expect(isLikelyDuplicate(open("2", 5), { ...open("1", 1), status: "resolved" }, 1)).toBe(false);
    expect(isLikelyDuplicate({ ...open("2", 5), status: "ignored" }, open("1", 1), 1)).toBe(false);
    // Seen at the same moment: the larger id is the newer one, even past 2^53.
    expect(isLikelyDuplicate(open("10000000000000001", 1), open("9999999999999999", 1), 1)).toBe(true);
    expect(isLikelyDuplicate(open("9999999999999999", 1), open("10000000000000001", 1), 1)).toBe(false);
  });
});
