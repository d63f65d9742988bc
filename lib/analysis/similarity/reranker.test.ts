import { describe, expect, it } from "vitest";
import { commonPrefix, type PairFeatures, pairFeatures, pairSide, sharedInBand } from "./pair-features";
import { rerankScore } from "./reranker";
import { DEFAULT_SIMILARITY, SimilarityIndex } from "./similarity-index";
import { trainReranker } from "./train-reranker";

const frames = ["org.apache.hdfs.DataNode.write", "org.apache.hdfs.BlockSender.send", "java.lang.Thread.run"];
const trace = (message: string, top = frames) => [
  { exception: "java.io.IOException", message: "wrapped", frames: ["x.Outer.call", ...top.slice(2)] },
  { exception: "java.lang.NullPointerException", message, frames: top },
];
const features = (over: Partial<PairFeatures>): PairFeatures => ({
  base: 0,
  sameProject: 0,
  message: 0,
  exception: 0,
  prefix: 0,
  traceSim: 0,
  topFrame: 0,
  rootException: 0,
  sharedTop: 0,
  sharedMiddle: 0,
  sharedDeep: 0,
  ...over,
});

describe("pairFeatures", () => {
  it("compares projects, message words, exception types and the root cause's frames from the top", () => {
    const query = pairSide(trace("stream closed by peer"), "HDFS");
    const same = pairFeatures(query, pairSide(trace("stream closed by peer"), "HDFS"), 0.7, () => 1);
    expect(same).toEqual({
      base: 0.7,
      sameProject: 1,
      message: 1,
      exception: 1,
      prefix: 1,
      traceSim: 1,
      topFrame: 1,
      rootException: 1,
      sharedTop: 1,
      sharedMiddle: 1,
      // The chain has 4 frames: none at depth 10 or more.
      sharedDeep: 0,
    });
    const other = pairFeatures(
      query,
      pairSide(trace("closed", ["q.R.s", ...frames.slice(1)]), "YARN"),
      0.2,
      () => 1,
      false,
    );
    expect(other.sameProject).toBe(0);
    // {wrapped, stream, closed, peer} against {wrapped, closed}.
    expect(other.message).toBeCloseTo(2 / 4, 10);
    expect(other.prefix).toBe(0);
    expect(other.topFrame).toBe(0);
    expect(other.rootException).toBe(1);
    expect(other.traceSim).toBe(0);
    expect(pairFeatures(pairSide([]), pairSide([]), 0, () => 1).sameProject).toBe(0);
  });

  it("weighs a common prefix by depth: the crash site counts most", () => {
    expect(commonPrefix(frames, frames)).toBe(1);
    expect(commonPrefix(frames, ["z.Z.z", ...frames.slice(1)])).toBe(0);
    const topOnly = commonPrefix(frames, [frames[0] ?? "", "z.Z.z", "y.Y.y"]);
    expect(topOnly).toBeCloseTo(1 / (1 + 1 / 2 + 1 / 3), 10);
    expect(commonPrefix([], frames)).toBe(0);
  });
});

describe("sharedInBand", () => {
  it("is the rarity-weighted share of the query's frames in a depth band that the other stack holds", () => {
    const query = ["a", "b", "c", "d"];
    const rarity = (f: string) => (f === "b" ? 3 : 1);
    expect(sharedInBand(query, new Set(["b", "z"]), [0, 2], rarity)).toBeCloseTo(3 / 4, 10);
    expect(sharedInBand(query, new Set(["a"]), [2, 4], rarity)).toBe(0);
    expect(sharedInBand(query, new Set(["d", "c"]), [2, 4], rarity)).toBe(1);
    expect(sharedInBand(query, new Set(["a"]), [10, 50], rarity)).toBe(0);
  });
});

describe("rerankScore", () => {
  it("is the weighted mean of the features, in [0, 1], and the index's score without weights", () => {
    expect(rerankScore({ base: 3, sameProject: 1 }, features({ base: 0.5, sameProject: 1 }))).toBeCloseTo(
      0.625,
      10,
    );
    expect(rerankScore({}, features({ base: 0.4 }))).toBe(0.4);
    expect(rerankScore({ base: 1, message: -1 }, features({ base: 0, message: 1 }))).toBe(0);
  });
});

describe("trainReranker", () => {
  it("learns the feature that picks the true candidate, deterministically", () => {
    // The true candidate always shares the project; base is noise that sometimes favours a wrong one.
    const examples = Array.from({ length: 40 }, (_, i) => ({
      candidates: [
        features({ base: (i % 5) / 10, sameProject: 0 }),
        features({ base: ((i + 2) % 5) / 10, sameProject: 1 }),
        features({ base: ((i + 4) % 5) / 10, sameProject: 0 }),
      ],
      truth: 1,
    }));
    const weights = trainReranker(examples, ["base", "sameProject"]);
    expect(weights.sameProject).toBeGreaterThan(2);
    expect(Math.abs(weights.base)).toBeLessThan(weights.sameProject);
    expect(trainReranker(examples, ["base", "sameProject"])).toEqual(weights);
    // Examples whose true candidate is missing are ignored; none at all leaves every weight 0.
    expect(trainReranker([{ candidates: [], truth: 0 }], ["base"])).toEqual({ base: 0 });
  });
});

describe("SimilarityIndex with a re-ranker", () => {
  it("lifts the candidate from the same project above an equal stack from another", () => {
    const rerank = { candidates: 10, weights: { base: 1, sameProject: 1 } };
    const index = new SimilarityIndex({ ...DEFAULT_SIMILARITY, rerank });
    index.add("a-other", trace("stream closed"), { project: "YARN" });
    index.add("b-same", trace("stream closed"), { project: "HDFS" });
    const found = index.search(trace("stream closed"), 2, { project: "HDFS" });
    expect(found.map((m) => m.id)).toEqual(["b-same", "a-other"]);
    for (const m of found) expect(m.score).toBeLessThanOrEqual(1);
    // No cross-project penalty here: it scales the two equal stacks by different floats, breaking the exact tie.
    const plain = new SimilarityIndex({ ...DEFAULT_SIMILARITY, rerank: undefined, projectSpread: 0 });
    plain.add("a-other", trace("stream closed"), { project: "YARN" });
    plain.add("b-same", trace("stream closed"), { project: "HDFS" });
    expect(plain.search(trace("stream closed"), 2, { project: "HDFS" })[0]?.id).toBe("a-other");
  });
});
