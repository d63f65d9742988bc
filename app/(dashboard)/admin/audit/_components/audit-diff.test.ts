import { describe, expect, it } from "vitest";
import { diffStates, formatValue } from "./audit-diff";

describe("diffStates", () => {
  it("lists only the fields that changed, nested ones by dotted path", () => {
    expect(
      diffStates(
        {
          rootIssueId: "100",
          issueIds: ["100", "200", "300"],
          mergedWith: { incidentId: 7, rootIssueId: "9" },
        },
        { rootIssueId: "100", issueIds: ["100", "200"], mergedWith: { incidentId: 7, rootIssueId: "8" } },
      ),
    ).toEqual([
      { path: "issueIds", before: ["100", "200", "300"], after: ["100", "200"] },
      { path: "mergedWith.rootIssueId", before: "9", after: "8" },
    ]);
  });

  it("tells a field set to null from one that is absent, and a missing side from an empty one", () => {
    expect(diffStates({ writeback: "assign" }, { writeback: null })).toEqual([
      { path: "writeback", before: "assign", after: null },
    ]);
    expect(diffStates(null, { status: "queued" })).toEqual([
      { path: "status", before: undefined, after: "queued" },
    ]);
    expect(diffStates({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe("formatValue", () => {
  it("names null and absence and joins lists", () => {
    expect([null, undefined, [], ["1", "2"], 3, "off"].map(formatValue)).toEqual([
      "none",
      "(absent)",
      "(empty)",
      "1, 2",
      "3",
      "off",
    ]);
  });
});
