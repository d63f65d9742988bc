import { describe, expect, it } from "vitest";
import { frameAlignment } from "./frame-alignment";
import { DEFAULT_SIMILARITY, SimilarityIndex } from "./similarity-index";
import { DEFAULT_TERM_WEIGHTS, messageWords, searchWords, stackTerms, titleTerms } from "./stack-terms";
import { TfIdfIndex } from "./tfidf-index";
import { voteLabels } from "./vote-labels";

const npe = (frames: string[], message = "Cannot invoke method on null object 42") => [
  { exception: "java.lang.NullPointerException", message, frames },
];
const hdfs = ["org.apache.hdfs.DataNode.write", "org.apache.hdfs.BlockSender.send", "java.lang.Thread.run"];
const yarn = ["org.apache.yarn.Scheduler.allocate", "org.apache.yarn.Queue.assign", "java.lang.Thread.run"];

describe("stackTerms", () => {
  it("weights top frames above deep ones and drops numbers from messages", () => {
    const terms = stackTerms(npe(hdfs));
    expect(terms.get("f:org.apache.hdfs.DataNode.write")).toBeGreaterThan(
      terms.get("f:java.lang.Thread.run") ?? 0,
    );
    expect(terms.get("c:org.apache.hdfs.DataNode")).toBeGreaterThan(0);
    expect(terms.get("e:java.lang.NullPointerException")).toBeGreaterThan(0);
    expect([...terms.keys()].some((t) => t.includes("42"))).toBe(false);
    expect(messageWords("Bind to tcp://localhost:61616 failed: Address already in use")).toEqual([
      "bind",
      "tcp",
      "localhost",
      "failed",
      "address",
      "already",
      "use",
    ]);
  });
});

describe("searchWords", () => {
  it("matches any form of a word in titles and messages, and can leave words as written", () => {
    expect(searchWords("TestBalancer fails", true)).toEqual(searchWords("testbalancer failing", true));
    expect([...titleTerms("Connections failed").keys()]).toEqual([
      ...titleTerms("connection failing").keys(),
    ]);
    expect(stackTerms(npe(hdfs, "Streams closed")).has("w:stream")).toBe(true);
    expect(searchWords("Connections failed", false)).toEqual(["connections", "failed"]);
    const unstemmed = { ...DEFAULT_TERM_WEIGHTS, stemWords: false };
    expect([...titleTerms("Connections failed", unstemmed).keys()]).toEqual(["t:connections", "t:failed"]);
  });
});

describe("TfIdfIndex", () => {
  it("ranks the document sharing the rare terms first and ignores documents sharing nothing", () => {
    const index = new TfIdfIndex();
    index.add("hdfs", stackTerms(npe(hdfs)));
    index.add("yarn", stackTerms(npe(yarn)));
    index.add(
      "other",
      stackTerms([{ exception: "java.io.IOException", message: "disk full", frames: ["a.B.c"] }]),
    );
    const found = index.search(stackTerms(npe(hdfs)), 10);
    expect(found.map((m) => m.id)).toEqual(["hdfs", "yarn"]);
    expect(found[0]?.score).toBeCloseTo(1, 1);
    expect(() => index.add("hdfs", new Map())).toThrow(/already indexed/);
    expect(index.search(new Map([["f:unknown", 1]]), 5)).toEqual([]);
  });
});

describe("TfIdfIndex with unseen terms in the norm", () => {
  it("scores a query by how much of it was seen: the same ranking, a lower score for a novel stack", () => {
    const plain = new TfIdfIndex();
    const strict = new TfIdfIndex(0, true);
    for (const index of [plain, strict]) {
      index.add("hdfs", stackTerms(npe(hdfs)));
      index.add("yarn", stackTerms(npe(yarn)));
    }
    const novel = stackTerms(npe([...hdfs.slice(0, 1), "com.new.A.b", "com.new.C.d"]));
    const loose = plain.search(novel, 10);
    const tight = strict.search(novel, 10);
    expect(tight.map((m) => m.id)).toEqual(loose.map((m) => m.id));
    expect(tight[0]?.score).toBeLessThan((loose[0]?.score ?? 0) * 0.9);
    // A query made only of seen terms scores the same either way.
    expect(strict.search(stackTerms(npe(hdfs)), 1)[0]?.score).toBeCloseTo(
      plain.search(stackTerms(npe(hdfs)), 1)[0]?.score ?? -1,
      12,
    );
    expect(strict.search(new Map([["f:unknown", 1]]), 5)).toEqual([]);
  });
});

describe("frameAlignment", () => {
  it("is 1 for identical stacks, 0 for disjoint ones, and higher when shared frames are near the top", () => {
    expect(frameAlignment(hdfs, hdfs)).toBeCloseTo(1, 5);
    expect(frameAlignment(hdfs, ["x.Y.z"])).toBe(0);
    expect(frameAlignment([], hdfs)).toBe(0);
    const sharedTop = frameAlignment(hdfs, [hdfs[0] ?? "", "q.R.s", "t.U.v"]);
    const sharedBottom = frameAlignment(hdfs, ["q.R.s", "t.U.v", hdfs[2] ?? ""]);
    expect(sharedTop).toBeGreaterThan(sharedBottom);
  });
});

describe("SimilarityIndex", () => {
  it("re-ranks TF-IDF candidates so the same crash site wins over a shared message", () => {
    const index = new SimilarityIndex({ ...DEFAULT_SIMILARITY, candidates: 10, alignmentWeight: 0.5 });
    // Same frames as the query but a different message, versus same message but other frames.
    index.add("same-site", npe(hdfs, "stream closed"));
    index.add("same-message", npe(yarn));
    const [best] = index.search(npe(hdfs), 2);
    expect(best?.id).toBe("same-site");
    expect(index.size).toBe(2);
  });
});

describe("voteLabels", () => {
  it("ranks labels by summed similarity of the k nearest labelled matches", () => {
    const labels: Record<string, string> = {
      a: "HDFS/datanode",
      b: "HDFS/namenode",
      c: "HDFS/namenode",
      e: "YARN/rm",
    };
    const matches = [
      { id: "a", score: 0.9 },
      { id: "unlabelled", score: 0.85 },
      { id: "b", score: 0.5 },
      { id: "c", score: 0.45 },
      { id: "e", score: 0.1 },
    ];
    expect(voteLabels(matches, (id) => labels[id], 3)).toEqual(["HDFS/namenode", "HDFS/datanode"]);
    expect(voteLabels(matches, (id) => labels[id], 1)).toEqual(["HDFS/datanode"]);
    expect(voteLabels([], (id) => labels[id], 3)).toEqual([]);
  });
});

describe("SimilarityIndex with titles and time", () => {
  it("among equal stacks prefers the shared title and, far more, the issue from the same weeks", () => {
    const day = 86_400_000;
    const index = new SimilarityIndex({
      ...DEFAULT_SIMILARITY,
      titleWeight: 0.5,
      recency: { weight: 1, halfLifeDays: 30 },
    });
    index.add("same-title-old", npe(hdfs), { title: "DataNode write fails under load", at: 0 });
    index.add("other-title", npe(hdfs), { title: "flaky test", at: 400 * day });
    index.add("same-title-recent", npe(hdfs), { title: "DataNode write fails under load", at: 399 * day });
    const found = index.search(npe(hdfs), 3, { title: "DataNode write fails", at: 400 * day });
    expect(found.map((m) => m.id)).toEqual(["same-title-recent", "other-title", "same-title-old"]);
    for (const m of found) expect(m.score).toBeLessThanOrEqual(1);
    // Without a title or time the three are the same stack: equal scores, ordered by id.
    const plain = index.search(npe(hdfs), 3);
    expect(new Set(plain.map((m) => m.score.toFixed(6))).size).toBe(1);
  });
});

describe("TfIdfIndex with a cross-project penalty", () => {
  // Two documents share one frame each with the query, equally rare; one frame is in every
  // project's stacks (a test harness), the other in one project's only.
  const harness = "org.junit.runners.ParentRunner.run";
  const local = "org.apache.hdfs.DataNode.write";
  const build = (spreadPenalty: number) => {
    const index = new TfIdfIndex(spreadPenalty);
    index.add(
      "via-harness",
      new Map([
        [`f:${harness}`, 1],
        ["f:a.A.a", 1],
      ]),
      "HDFS",
    );
    index.add(
      "via-local",
      new Map([
        [`f:${local}`, 1],
        ["f:b.B.b", 1],
      ]),
      "HDFS",
    );
    index.add(
      "yarn-test",
      new Map([
        [`f:${harness}`, 1],
        ["f:c.C.c", 1],
      ]),
      "YARN",
    );
    index.add(
      "hive-test",
      new Map([
        [`f:${harness}`, 1],
        ["f:d.D.d", 1],
      ]),
      "HIVE",
    );
    index.add(
      "hdfs-other",
      new Map([
        [`f:${local}`, 1],
        ["f:e.E.e", 1],
      ]),
      "HDFS",
    );
    index.add(
      "hdfs-more",
      new Map([
        [`f:${local}`, 1],
        ["f:g.G.g", 1],
      ]),
      "HDFS",
    );
    return index;
  };
  const query = new Map([
    [`f:${harness}`, 1],
    [`f:${local}`, 1],
  ]);

  it("weighs a frame down by the number of projects it occurs in, not by its frequency alone", () => {
    const plain = build(0).search(query, 10);
    const penalised = build(1).search(query, 10);
    const score = (matches: { id: string; score: number }[], id: string) =>
      matches.find((m) => m.id === id)?.score ?? 0;
    // Both frames are in 3 of 6 stacks: without the penalty they count the same.
    expect(score(plain, "via-harness")).toBeCloseTo(score(plain, "via-local"), 10);
    expect(score(penalised, "via-local")).toBeGreaterThan(score(penalised, "via-harness"));
    expect(build(1).termWeight(`f:${harness}`)).toBeCloseTo(build(0).termWeight(`f:${harness}`) / 3, 10);
  });

  it("SimilarityIndex passes each issue's project to it", () => {
    const index = new SimilarityIndex({
      ...DEFAULT_SIMILARITY,
      titleWeight: 0,
      recency: undefined,
      projectSpread: 1,
    });
    const harnessStack = ["org.junit.runners.ParentRunner.run", "org.junit.runner.JUnitCore.run"];
    index.add("hdfs-test", npe([...hdfs, ...harnessStack]), { project: "HDFS" });
    index.add("yarn-test", npe([...yarn, ...harnessStack]), { project: "YARN" });
    index.add("hive-test", npe(["org.apache.hive.Driver.run", ...harnessStack]), { project: "HIVE" });
    const unpenalised = new SimilarityIndex({ ...DEFAULT_SIMILARITY, titleWeight: 0, recency: undefined });
    unpenalised.add("hdfs-test", npe([...hdfs, ...harnessStack]), { project: "HDFS" });
    unpenalised.add("yarn-test", npe([...yarn, ...harnessStack]), { project: "YARN" });
    unpenalised.add("hive-test", npe(["org.apache.hive.Driver.run", ...harnessStack]), { project: "HIVE" });
    const query = npe(["org.apache.hive.Driver.run", ...harnessStack]);
    const hive = (found: { id: string; score: number }[]) =>
      found.find((m) => m.id === "hive-test")?.score ?? 0;
    const hdfsScore = (found: { id: string; score: number }[]) =>
      found.find((m) => m.id === "hdfs-test")?.score ?? 0;
    // The shared harness frames lift an unrelated project's test less once they are penalised.
    expect(hdfsScore(index.search(query, 3)) / hive(index.search(query, 3))).toBeLessThan(
      hdfsScore(unpenalised.search(query, 3)) / hive(unpenalised.search(query, 3)),
    );
  });
});
