import { describe, expect, it } from "vitest";
import { traceSim } from "./trace-sim";

const common = (frame: string) => (frame.startsWith("java.") ? 0.1 : 1);
const hdfs = ["org.apache.hdfs.DataNode.write", "org.apache.hdfs.BlockSender.send", "java.lang.Thread.run"];

describe("traceSim", () => {
  it("is 1 for identical stacks, 0 for disjoint or empty ones", () => {
    expect(traceSim(hdfs, hdfs, common)).toBeCloseTo(1, 10);
    expect(traceSim(hdfs, ["x.Y.z"], common)).toBe(0);
    expect(traceSim([], hdfs, common)).toBe(0);
  });

  it("counts a shared top frame above a shared deep one, and a rare frame above a common one", () => {
    const sharedTop = traceSim(hdfs, [hdfs[0] ?? "", "q.R.s", "t.U.v"], common);
    const sharedBottom = traceSim(hdfs, ["q.R.s", "t.U.v", hdfs[1] ?? ""], common);
    expect(sharedTop).toBeGreaterThan(sharedBottom);
    const sharedCommon = traceSim(
      ["a.B.c", "java.lang.Thread.run"],
      ["d.E.f", "java.lang.Thread.run"],
      common,
    );
    const sharedRare = traceSim(
      ["java.lang.Thread.run", "a.B.c"],
      ["java.lang.Thread.run", "a.B.c"],
      () => 1,
    );
    expect(sharedCommon).toBeLessThan(0.1);
    expect(sharedRare).toBeCloseTo(1, 10);
  });

  it("costs a little for a frame matched at another depth", () => {
    const shifted = traceSim(hdfs, ["extra.Frame.here", ...hdfs], common);
    expect(shifted).toBeGreaterThan(0.5);
    expect(shifted).toBeLessThan(1);
  });
});
