import { describe, expect, it } from "vitest";
import { suggestNextStep } from "./next-step";
import type { IncidentFacts, SuspectCommit } from "./types";

const commit: SuspectCommit = {
  sha: "0123456789abcdef",
  repo: "api",
  message: "Retry payments on conflict",
  author: "lee@acme.io",
  committedAt: "2026-11-01T09:00:00Z",
  why: [],
  score: 0.9,
};
const incident: IncidentFacts = {
  id: 1,
  issueCount: 3,
  role: "symptom",
  rootIssueId: "9",
  rootLabel: "API-9",
  rootTitle: null,
  rootConfidence: 0.7,
};

describe("suggestNextStep", () => {
  it("sends a symptom to its root before anything else", () => {
    const step = suggestNextStep({
      category: "database",
      where: null,
      suspects: { release: "r1", commits: [commit] },
      incident,
    });
    expect(step).toBe("look at the root API-9 first");
  });

  it("names a strong suspect commit, for a root as for a lone issue", () => {
    const input = {
      category: "database" as const,
      where: null,
      suspects: { release: "r1", commits: [commit] },
    };
    expect(suggestNextStep({ ...input, incident: null })).toBe(
      'check commit 0123456 by lee@acme.io ("Retry payments on conflict")',
    );
    expect(suggestNextStep({ ...input, incident: { ...incident, role: "root" } })).toMatch(
      /^check commit 0123456/,
    );
  });

  it("falls back to what the category says, or the release for an uncategorised error", () => {
    const none = { where: "api/pay.py (charge)", incident: null };
    expect(suggestNextStep({ ...none, category: "rate_limit", suspects: null })).toBe(
      "check the quota of the rate-limited API and the retry policy",
    );
    expect(suggestNextStep({ ...none, category: "other", suspects: { release: "api@2", commits: [] } })).toBe(
      "compare release api@2 with the one before it",
    );
    expect(suggestNextStep({ ...none, category: "other", suspects: null })).toBe(
      "open api/pay.py (charge) where it throws",
    );
  });
});
