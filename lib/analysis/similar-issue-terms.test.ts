import { describe, expect, it } from "vitest";
import { documentWeights, frameKey, probeTerms, queryWeights, traceInputOf } from "./similar-issue-terms";
import { stackTerms, type TermVector, type TraceInput } from "./similarity/stack-terms";
import { TfIdfIndex } from "./similarity/tfidf-index";
import type { Frame } from "./types";

const frame = (module: string | null, fn: string | null, filename: string | null = null): Frame => ({
  filename,
  function: fn,
  module,
  lineNo: 12,
  inApp: true,
});

describe("traceInputOf", () => {
  it("names frames module.function (filename where no module), crash site first, no line numbers", () => {
    const traces = traceInputOf({
      frames: [
        frame("java.lang.Thread", "run"),
        frame(null, "handleClick", "app/button.js"),
        frame(null, null),
      ],
      exceptionType: "TypeError",
      exceptionValue: "x is undefined",
      message: "ignored when there is an exception value",
    });
    expect(traces).toEqual([
      {
        exception: "TypeError",
        message: "x is undefined",
        frames: ["app/button.js.handleClick", "java.lang.Thread.run"],
      },
    ]);
    expect(frameKey(frame(null, null))).toBeNull();
    expect(traceInputOf({ frames: [], exceptionType: null, exceptionValue: null, message: null })).toEqual(
      [],
    );
    expect(
      traceInputOf({ frames: [], exceptionType: null, exceptionValue: null, message: "boom" })[0]?.message,
    ).toBe("boom");
  });
});

// The SQL index keeps postings and frequencies in tables; this replays the same arithmetic in
// memory and checks it scores exactly as TfIdfIndex, the search the benchmark measures.
function sqlLikeIndex(spread: number, unseenInNorm: boolean) {
  const frequency = new Map<string, number>();
  const termProjects = new Map<string, Set<string>>();
  const postings = new Map<string, Map<string, number>>();
  let documents = 0;
  const stats = () => ({
    documents,
    frequency,
    projects: new Map([...termProjects].map(([t, p]) => [t, p.size])),
    spread,
  });
  return {
    add(id: string, terms: TermVector, project: string) {
      documents += 1;
      for (const t of terms.keys()) {
        frequency.set(t, (frequency.get(t) ?? 0) + 1);
        termProjects.set(t, (termProjects.get(t) ?? new Set()).add(project));
      }
      postings.set(id, documentWeights(terms, stats()));
    },
    search(terms: TermVector) {
      const query = queryWeights(terms, stats(), unseenInNorm);
      return [...postings]
        .map(([id, doc]) => ({ id, score: [...query].reduce((s, [t, w]) => s + w * (doc.get(t) ?? 0), 0) }))
        .filter((m) => m.score > 0)
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    },
  };
}

const trace = (exception: string, message: string, frames: string[]): TraceInput[] => [
  { exception, message, frames },
];

describe("documentWeights and queryWeights", () => {
  it.each([
    [0, false],
    [0.25, false],
    [1, false],
    [0.25, true],
  ])(
    "score as TfIdfIndex does (project spread %s, unseen terms in the norm %s): documents weighted with the statistics of their time, queries with today's",
    (spread, unseenInNorm) => {
      const stacks: [string, TraceInput[]][] = [
        ["1", trace("java.io.IOException", "stream closed", ["a.B.read", "a.B.open", "x.T.run"])],
        ["2", trace("java.io.IOException", "disk full", ["a.C.write", "a.B.open", "x.T.run"])],
        ["3", trace("java.lang.NullPointerException", "null value", ["q.R.s", "x.T.run"])],
        ["4", trace("java.io.IOException", "stream closed early", ["a.B.read", "a.B.open", "x.T.run"])],
      ];
      const memory = new TfIdfIndex(spread, unseenInNorm);
      const mirrored = sqlLikeIndex(spread, unseenInNorm);
      for (const [i, [id, traces]] of stacks.entries()) {
        memory.add(id, stackTerms(traces), `p${i % 2}`);
        mirrored.add(id, stackTerms(traces), `p${i % 2}`);
      }
      const query = stackTerms(
        trace("java.io.IOException", "stream closed", ["a.B.read", "a.B.open", "z.Z.z"]),
      );
      const expected = memory.search(query, 10);
      const actual = mirrored.search(query);
      expect(actual.map((m) => m.id)).toEqual(expected.map((m) => m.id));
      for (const [i, m] of actual.entries()) expect(m.score).toBeCloseTo(expected[i]?.score ?? -1, 12);
      expect(actual[0]?.id).toBe("1");
    },
  );

  it("leaves out query terms no document has, counting them in the norm only when asked", () => {
    const weights = queryWeights(
      new Map([
        ["f:a", 1],
        ["f:unknown", 1],
      ]),
      { documents: 3, frequency: new Map([["f:a", 2]]) },
    );
    expect([...weights.keys()]).toEqual(["f:a"]);
    expect(weights.get("f:a")).toBeCloseTo(1, 12);
    const withUnseen = queryWeights(
      new Map([
        ["f:a", 1],
        ["f:unknown", 1],
      ]),
      { documents: 3, frequency: new Map([["f:a", 2]]) },
      true,
    );
    expect([...withUnseen.keys()]).toEqual(["f:a"]);
    // idf(3, 2) = ln(4/3) + 1 and idf(3, 0) = ln 4 + 1: the seen term's share of the norm.
    const seen = Math.log(4 / 3) + 1;
    const unseen = Math.log(4) + 1;
    expect(withUnseen.get("f:a")).toBeCloseTo(seen / Math.hypot(seen, unseen), 12);
  });
});

describe("probeTerms", () => {
  it("takes the rarest terms until the posting budget, but always a few", () => {
    const frequency = new Map([
      ["rare", 2],
      ["mid", 50],
      ["common", 9000],
      ["everywhere", 90000],
    ]);
    const query = new Map([...frequency.keys()].map((t) => [t, 0.5]));
    expect(probeTerms(query, frequency, 10_000, 1)).toEqual(["rare", "mid", "common"]);
    expect(probeTerms(query, frequency, 100, 1)).toEqual(["rare", "mid"]);
    expect(probeTerms(query, frequency, 0, 3)).toEqual(["rare", "mid", "common"]);
  });
});
