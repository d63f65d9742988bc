import { describe, expect, it } from "vitest";
import { DEFAULT_SIMILARITY } from "@/lib/analysis/similarity/similarity-index";
import { type Dataset, type Report, rankingExamples, runSimilarity } from "./eval-protocol";

const report = (id: string, at: number, frames: string[], dup_group: string | null = null): Report => ({
  id,
  project: "HDFS",
  created_ts: at,
  summary: `report ${id}`,
  traces: [{ exception: "java.io.IOException", message: "stream closed", frames }],
  dup_group,
});
const disk = ["org.apache.hdfs.DataNode.write", "org.apache.hdfs.BlockSender.send"];
const yarn = ["org.apache.yarn.Scheduler.allocate", "org.apache.yarn.Queue.assign"];
const data: Dataset = {
  reports: [
    report("A-1", 1, disk, "A-1"),
    report("A-2", 2, yarn),
    report("A-3", 3, disk, "A-1"),
    report("A-4", 4, yarn),
  ],
  queries: new Map([["A-3", "A-1"]]),
  ownerRows: [],
};

describe("rankingExamples", () => {
  it("makes one example per report whose earlier duplicate is a candidate, pointing at it", () => {
    const examples = rankingExamples(data, DEFAULT_SIMILARITY, 10);
    expect(examples).toHaveLength(1);
    const [only] = examples;
    expect(only?.at).toBe(3);
    expect(only?.candidates[only.truth]?.base).toBeGreaterThan(0.9);
    expect(rankingExamples(data, DEFAULT_SIMILARITY, 10, (r) => r.id !== "A-3")).toEqual([]);
  });
});

describe("runSimilarity", () => {
  it("scores only the reports in scope while indexing them all", () => {
    const all = runSimilarity(data, DEFAULT_SIMILARITY);
    expect(all.ranks).toEqual([{ id: "A-3", rank: 1, at: 3 }]);
    const scoped = runSimilarity(data, DEFAULT_SIMILARITY, undefined, (r) => r.id === "A-4");
    expect(scoped.ranks).toEqual([]);
    expect(scoped.detections.map((d) => d.id)).toEqual(["A-4"]);
    expect(scoped.detections[0]?.score).toBeCloseTo(all.detections.at(-1)?.score ?? -1, 10);
  });
});
