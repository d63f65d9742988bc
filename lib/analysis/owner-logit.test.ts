import { describe, expect, it } from "vitest";
import { predictLogit, trainLogit } from "./owner-logit";

const x = (...terms: [string, number][]) => new Map(terms);

describe("trainLogit", () => {
  it("learns which term tells the labels apart and ignores the one they share", () => {
    const examples = [
      ...Array.from({ length: 6 }, () => ({
        x: x(["p:namenode", 0.8], ["f:Thread.run", 0.6]),
        label: "namenode",
      })),
      ...Array.from({ length: 6 }, () => ({
        x: x(["p:datanode", 0.8], ["f:Thread.run", 0.6]),
        label: "datanode",
      })),
    ];
    const model = trainLogit(examples, { l2: 1e-3, iterations: 200 });
    expect(model.labels).toEqual(["datanode", "namenode"]);
    const p = predictLogit(model, x(["p:namenode", 1]));
    expect(p.get("namenode")).toBeGreaterThan(0.8);
    expect((p.get("namenode") ?? 0) + (p.get("datanode") ?? 0)).toBeCloseTo(1, 10);
    // The shared frame says nothing: both labels stay near even.
    expect(predictLogit(model, x(["f:Thread.run", 1])).get("namenode")).toBeCloseTo(0.5, 2);
    // A term no example had is ignored; deterministic for the same examples.
    expect(predictLogit(model, x(["p:unknown", 1])).get("namenode")).toBeCloseTo(0.5, 2);
    expect(trainLogit(examples, { l2: 1e-3, iterations: 200 }).weights).toEqual(model.weights);
  });

  it("leans to the label most past issues had when the terms do not decide, and shrinks with l2", () => {
    const examples = [
      ...Array.from({ length: 9 }, () => ({ x: x(["w:timeout", 1]), label: "common" })),
      { x: x(["w:timeout", 1]), label: "rare" },
    ];
    const fitted = predictLogit(trainLogit(examples, { l2: 1e-3, iterations: 300 }), x(["w:timeout", 1]));
    expect(fitted.get("common")).toBeCloseTo(0.9, 1);
    const separable = [
      { x: x(["a", 1]), label: "A" },
      { x: x(["b", 1]), label: "B" },
    ];
    const loose =
      predictLogit(trainLogit(separable, { l2: 1e-3, iterations: 300 }), x(["a", 1])).get("A") ?? 0;
    const tight = predictLogit(trainLogit(separable, { l2: 1, iterations: 300 }), x(["a", 1])).get("A") ?? 0;
    expect(loose).toBeGreaterThan(tight);
    // A strong penalty keeps even separable examples far from certainty.
    expect(tight).toBeGreaterThan(0.5);
    expect(tight).toBeLessThan(0.7);
    expect(loose).toBeGreaterThan(0.95);
  });

  it("names the only label with certainty and has nothing to say without examples", () => {
    expect(predictLogit(trainLogit([{ x: x(["a", 1]), label: "only" }]), x(["b", 1]))).toEqual(
      new Map([["only", 1]]),
    );
    expect(predictLogit(trainLogit([]), x(["a", 1])).size).toBe(0);
  });
});
