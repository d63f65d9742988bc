import { describe, expect, it } from "vitest";
import { issuePostmortemTerms, postmortemTerms } from "./postmortem-terms";
import { postmortemWhy, rankSimilarPostmortems } from "./rank-similar-postmortems";

const goPostmortem = `# Nightly run skipped accounts: \`pq: cannot cast jsonb null to type integer\`

- **Services:** scheduler-go, billing-api

The query failed with *pq.Error, and the job moved on.

\`\`\`
*pq.Error: pq: cannot cast jsonb null to type integer
main.background.func2
	/my_app/main.go:94
github.com/robfig/cron/v3.FuncJob.Run
	/go/pkg/mod/github.com/robfig/cron/v3@v3.0.0/cron.go:136
\`\`\`

Tracked as SCHEDULER-GO-2 in Sentry. A "timeout" was ruled out.
`;

const goIssue = {
  issueId: "6120000108",
  shortId: "SCHEDULER-GO-7",
  projectSlug: "scheduler-go",
  exceptionType: "*pq.Error",
  message: "pq: cannot cast jsonb null to type integer",
  frames: [
    {
      filename: "/go/pkg/mod/github.com/robfig/cron/v3@v3.0.0/cron.go",
      function: "FuncJob.Run",
      module: "github.com/robfig/cron/v3",
      lineNo: 136,
      inApp: false,
    },
    { filename: "/my_app/main.go", function: "background.func2", module: "main", lineNo: 94, inApp: true },
  ],
};

describe("postmortemTerms", () => {
  const terms = postmortemTerms(goPostmortem);
  const has = (t: string) => expect(terms.has(t), t).toBe(true);
  const hasNot = (t: string) => expect(terms.has(t), t).toBe(false);

  it("finds exception types, functions, files, services, issue ids and message words", () => {
    has("e:*pq.Error");
    has("e:Error".replace("Error", "pq.Error"));
    has("n:func2");
    has("n:background.func2");
    has("n:FuncJob.Run");
    has("p:main.go");
    has("p:cron.go");
    has("s:scheduler-go");
    has("s:billing-api");
    has("i:SCHEDULER-GO-2");
    has("w:cast");
    has("w:jsonb");
    has("w:integer");
    has("w:timeout"); // a quoted string in the prose
  });

  it("leaves out narrative words, bare Error and runtime-generic function names", () => {
    hasNot("w:moved");
    hasNot("w:ruled");
    hasNot("e:Error");
    hasNot("n:main");
    hasNot("n:Run".replace("Run", "run"));
  });

  it("counts repeats sublinearly and weighs a named issue above a word", () => {
    const once = postmortemTerms("`cast`");
    const thrice = postmortemTerms("`cast` `cast` `cast`");
    expect(thrice.get("w:cast")).toBeGreaterThan(once.get("w:cast") ?? 0);
    expect(thrice.get("w:cast")).toBeLessThan(3 * (once.get("w:cast") ?? 0));
    expect(terms.get("i:SCHEDULER-GO-2")).toBeGreaterThan(terms.get("w:cast") ?? 0);
  });

  it("reads Java and Python stack lines and dotted calls", () => {
    const java = postmortemTerms(
      "```\nio.sentry.example.ApiException: Authentication failed\n    at io.sentry.example.ApiRequest.perform(ApiRequest.java:8)\n```",
    );
    for (const t of [
      "e:io.sentry.example.ApiException",
      "e:ApiException",
      "n:perform",
      "n:ApiRequest.perform",
      "p:apirequest.java",
      "w:authentication",
    ])
      expect(java.has(t), t).toBe(true);
    const python = postmortemTerms('```\n  File "app/billing/close.py", line 12, in close_period\n```');
    expect(python.has("n:close_period")).toBe(true);
    expect(python.has("p:close.py")).toBe(true);
  });

  it("is empty for empty text and never throws on junk", () => {
    expect(postmortemTerms("").size).toBe(0);
    expect(() => postmortemTerms("```\n".repeat(50) + "<script>alert(1)</script>".repeat(100))).not.toThrow();
  });
});

describe("issuePostmortemTerms", () => {
  it("names the issue, its project, exception, in-app frames, files and message in the same scheme", () => {
    const terms = issuePostmortemTerms(goIssue);
    for (const t of [
      "i:6120000108",
      "i:SCHEDULER-GO-7",
      "s:scheduler-go",
      "e:*pq.Error",
      "e:pq.Error",
      "n:background.func2",
      "p:main.go",
      "w:jsonb",
    ])
      expect(terms.has(t), t).toBe(true);
    // Only in-app frames when there are some: the cron library's frame is not the team's code.
    expect(terms.has("p:cron.go")).toBe(false);
  });
});

describe("rankSimilarPostmortems", () => {
  const unrelated = postmortemTerms(
    "# Checkout crashed\n\n`ZeroDivisionError: divided by 0` in `app/models/tax_proration.rb` on checkout-rails.",
  );
  const go = postmortemTerms(goPostmortem);
  const corpus = [
    { postmortemId: 1, terms: unrelated },
    { postmortemId: 2, terms: go },
  ];
  const frequency = new Map<string, number>();
  for (const c of corpus) for (const t of c.terms.keys()) frequency.set(t, (frequency.get(t) ?? 0) + 1);

  it("ranks the post-mortem about the same failure first, with the shared terms as the reason", () => {
    const [best, ...rest] = rankSimilarPostmortems(issuePostmortemTerms(goIssue), corpus, 2, frequency, 5);
    expect(best?.postmortemId).toBe(2);
    expect(best?.score).toBeGreaterThan(0.3);
    expect(best?.score).toBeLessThanOrEqual(1 + 1e-9);
    expect(best?.sharedTerms).toEqual(
      expect.arrayContaining(["e:*pq.Error", "n:background.func2", "s:scheduler-go"]),
    );
    expect(rest.map((m) => m.postmortemId)).not.toContain(1);
  });

  it("does not call a shared service alone a match", () => {
    const onlyService = { ...goIssue, exceptionType: "KeyError", message: "boom", frames: [] };
    expect(rankSimilarPostmortems(issuePostmortemTerms(onlyService), corpus, 2, frequency, 5)).toEqual([]);
  });

  it("matches a post-mortem that names the issue even when nothing else is shared", () => {
    const named = {
      ...goIssue,
      shortId: "SCHEDULER-GO-2",
      exceptionType: null,
      message: null,
      frames: [],
      projectSlug: null,
    };
    expect(
      rankSimilarPostmortems(issuePostmortemTerms(named), corpus, 2, frequency, 5)[0]?.postmortemId,
    ).toBe(2);
  });

  it("groups the shared terms by kind for the reader, each function once", () => {
    expect(
      postmortemWhy([
        "e:*pq.Error",
        "e:pq.Error",
        "n:background.func2",
        "n:func2",
        "p:main.go",
        "s:scheduler-go",
        "w:jsonb",
        "i:SCHEDULER-GO-2",
      ]),
    ).toEqual({
      issues: ["SCHEDULER-GO-2"],
      exceptions: ["*pq.Error"],
      functions: ["background.func2"],
      files: ["main.go"],
      services: ["scheduler-go"],
      words: ["jsonb"],
    });
  });
});
