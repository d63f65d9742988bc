import { describe, expect, it } from "vitest";
import { LearnedOwner, labelDrift, labelNameWords, ownerTerms } from "./learned-owner";

const DAY = 86_400_000;
const trace = (frames: string[]) => [{ exception: "java.io.IOException", message: "lease expired", frames }];
const namenode = trace(["org.apache.hdfs.server.namenode.FSNamesystem.addBlock", "java.lang.Thread.run"]);
const datanode = trace(["org.apache.hdfs.server.datanode.BlockReceiver.receive", "java.lang.Thread.run"]);

describe("ownerTerms", () => {
  it("has frames, classes, packages and title words, deep frames weighing less", () => {
    const terms = ownerTerms(namenode, "NameNode crashes");
    expect(terms.get("p:org.apache.hdfs.server.namenode")).toBeGreaterThan(0);
    expect(terms.get("c:org.apache.hdfs.server.namenode.FSNamesystem")).toBeGreaterThan(0);
    expect(terms.get("s:namenode")).toBeGreaterThan(0);
    expect(terms.get("f:org.apache.hdfs.server.namenode.FSNamesystem.addBlock")).toBeGreaterThan(
      terms.get("f:java.lang.Thread.run") ?? 0,
    );
  });
});

describe("LearnedOwner", () => {
  it("names the team of similar past issues, with the issues that back it, and follows corrections", () => {
    const model = new LearnedOwner({ neighbours: 3, halfLifeDays: 365, profileWeight: 1 });
    model.learn({ id: "n1", label: "namenode", at: 0, traces: namenode, text: "NameNode fails on addBlock" });
    model.learn({ id: "n2", label: "namenode", at: DAY, traces: namenode, text: "addBlock throws" });
    model.learn({ id: "d1", label: "datanode", at: DAY, traces: datanode, text: "DataNode receive fails" });
    const [first, second] = model.predict({ traces: namenode, text: "addBlock fails", at: 2 * DAY }, 5);
    expect(first?.label).toBe("namenode");
    expect(first?.backing.sort()).toEqual(["n1", "n2"]);
    expect(second?.label).toBe("datanode");
    expect(model.predict({ traces: datanode, text: "", at: 2 * DAY }, 1)[0]?.label).toBe("datanode");

    // The team moves both namenode issues to "hdfs-core": the next prediction follows.
    model.learn({
      id: "n1",
      label: "hdfs-core",
      at: 0,
      traces: namenode,
      text: "NameNode fails on addBlock",
    });
    model.learn({ id: "n2", label: "hdfs-core", at: DAY, traces: namenode, text: "addBlock throws" });
    const after = model.predict({ traces: namenode, text: "addBlock fails", at: 2 * DAY }, 5);
    expect(after[0]?.label).toBe("hdfs-core");
    expect(after.map((g) => g.label)).not.toContain("namenode");
    expect(model.size).toBe(3);
  });

  it("prefers the recent owner when two teams handled the same crash", () => {
    const model = new LearnedOwner({ neighbours: 5, halfLifeDays: 30, profileWeight: 0 });
    model.learn({ id: "old", label: "old-team", at: 0, traces: namenode, text: "addBlock" });
    model.learn({ id: "new", label: "new-team", at: 400 * DAY, traces: namenode, text: "addBlock" });
    expect(model.predict({ traces: namenode, text: "addBlock", at: 410 * DAY }, 1)[0]?.label).toBe(
      "new-team",
    );
  });
});

describe("label names", () => {
  it("keeps the words that tell labels apart, not a prefix most of them share", () => {
    const words = labelNameWords(["HDFS/namenode", "HDFS/datanode", "HDFS/hdfs-client", "HDFS/test"]);
    expect(words.get("HDFS/namenode")).toEqual(["namenode"]);
    expect(words.get("HDFS/hdfs-client")).toEqual(["client"]);
    expect(labelNameWords(["payments"]).get("payments")).toEqual(["payments"]);
  });

  it("with nameWeight, leans to the label the title or top frames name when the votes are even", () => {
    const shared = trace(["org.apache.hdfs.util.Retry.run", "java.lang.Thread.run"]);
    const even = (nameWeight: number) => {
      const model = new LearnedOwner({ neighbours: 5, halfLifeDays: 365, profileWeight: 1, nameWeight });
      model.learn({ id: "a", label: "HDFS/namenode", at: 0, traces: shared, text: "retry loops" });
      model.learn({ id: "b", label: "HDFS/datanode", at: 0, traces: shared, text: "retry loops" });
      return model.predict({ traces: shared, text: "retry loops on the NameNode", at: DAY }, 2);
    };
    expect(even(0)[0]?.score).toBeCloseTo(even(0)[1]?.score ?? 0, 4);
    expect(even(0.1)[0]?.label).toBe("HDFS/namenode");
    expect((even(0.1)[0]?.score ?? 0) - (even(0.1)[1]?.score ?? 0)).toBeCloseTo(0.1, 4);
  });
});

describe("ownership drift", () => {
  it("is each label's recent share over its all-time share", () => {
    const examples = [
      { label: "old", at: 0 },
      { label: "old", at: 0 },
      { label: "new", at: 730 * DAY },
      { label: "new", at: 730 * DAY },
    ];
    const drift = labelDrift(examples, 730 * DAY, 730);
    // Weights ½ for the old pair and 1 for the new: shares ⅓ and ⅔ against ½ each.
    expect(drift.get("old")).toBeCloseTo(2 / 3, 6);
    expect(drift.get("new")).toBeCloseTo(4 / 3, 6);
    expect(labelDrift([], 0, 730).size).toBe(0);
  });

  it("with drift, a label used lately outranks one as similar but fading", () => {
    const predict = (drift?: { halfLifeDays: number; power?: number }) => {
      const model = new LearnedOwner({
        neighbours: 5,
        halfLifeDays: Number.POSITIVE_INFINITY,
        profileWeight: 0,
        drift,
      });
      model.learn({ id: "a", label: "fading", at: 0, traces: namenode, text: "addBlock" });
      model.learn({ id: "b", label: "fading", at: 0, traces: namenode, text: "addBlock" });
      model.learn({ id: "c", label: "lately", at: 700 * DAY, traces: namenode, text: "addBlock" });
      return model.predict({ traces: namenode, text: "addBlock", at: 730 * DAY }, 2);
    };
    // Without drift, two old votes beat one recent one (votes are not weighted by age here).
    const [without] = predict();
    const [withDrift, other] = predict({ halfLifeDays: 365 });
    expect(without?.label).toBe("fading");
    expect(withDrift?.label).toBe("lately");
    expect(withDrift?.score).toBeGreaterThan(other?.score ?? 0);
    // A softer power narrows the gap the drift opens.
    const [soft, softOther] = predict({ halfLifeDays: 365, power: 0.25 });
    expect((soft?.score ?? 0) - (softOther?.score ?? 0)).toBeLessThan(
      (withDrift?.score ?? 0) - (other?.score ?? 0),
    );
  });
});

describe("softmax regression", () => {
  it("with logit, adds each label's regression probability and refits after a correction", () => {
    const model = new LearnedOwner({
      neighbours: 0,
      halfLifeDays: 365,
      profileWeight: 0,
      logit: { l2: 1e-3, weight: 1 },
    });
    for (const i of [1, 2, 3]) {
      model.learn({ id: `n${i}`, label: "namenode", at: 0, traces: namenode, text: "addBlock fails" });
      model.learn({ id: `d${i}`, label: "datanode", at: 0, traces: datanode, text: "receive fails" });
    }
    const [first, second] = model.predict({ traces: namenode, text: "", at: DAY }, 2);
    expect(first?.label).toBe("namenode");
    expect(first?.score).toBeGreaterThan(0.7);
    // Nothing but the probabilities (and the 1e-6 prior) without votes, profile or names.
    expect((first?.score ?? 0) + (second?.score ?? 0)).toBeCloseTo(1, 4);
    for (const i of [1, 2, 3]) {
      model.learn({ id: `n${i}`, label: "hdfs-core", at: 0, traces: namenode, text: "addBlock fails" });
    }
    expect(model.predict({ traces: namenode, text: "", at: DAY }, 1)[0]?.label).toBe("hdfs-core");
    // Off by default: the same model without logit has nothing to go on but the prior.
    const plain = new LearnedOwner({ neighbours: 0, halfLifeDays: 365, profileWeight: 0 });
    plain.learn({ id: "n1", label: "namenode", at: 0, traces: namenode, text: "addBlock fails" });
    expect(plain.predict({ traces: namenode, text: "", at: DAY }, 1)[0]?.score).toBeLessThan(1e-5);
  });
});
