import { afterAll, beforeAll, expect, it } from "vitest";
import { claimConfidence, summaryConfidence } from "@/lib/analysis/summary-confidence";
import { getLatestAnalysis } from "@/lib/db/queries/analyses";
import { getIssueDetail } from "@/lib/db/queries/issue-detail";
import { runAnalyseIssueJob } from "@/lib/enrichment/analyse-issue-job";
import { runGroupIncidentJob } from "@/lib/enrichment/group-incident-job";
import { createSummaryRephraser } from "@/lib/llm/rephrase-summary";
import { describeOnEachDatabase } from "@/test/databases";
import { errorDelivery, ingestAndStore, ingestOptions } from "@/test/ingest-deliveries";
import { type LlmServer, startLlmServer } from "@/test/llm-server";

const T0 = Date.parse("2026-11-01T10:00:00Z");
let counter = 0;

function delivery(issue: string, project: string, platform: string, at: number, trace: string) {
  counter++;
  return errorDelivery((payload) => {
    const e = payload.data.error;
    e.event_id = `${counter.toString(16).padStart(8, "0")}${"b".repeat(24)}`;
    e.issue_id = issue;
    e.project = project;
    e.platform = platform;
    e.title = `${platform} failure ${issue}`;
    e.timestamp = at / 1000;
    e.datetime = new Date(at).toISOString();
    e.contexts = { trace: { type: "trace", trace_id: trace, span_id: "a".repeat(16) } };
    e.user = { id: `user-${counter % 5}`, tenant_id: "acme" };
  });
}

let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ reply: () => "" });
});
afterAll(() => llm.close());

describeOnEachDatabase("summary facts", (db) => {
  const settings = {
    rules: [],
    fallbackOwner: "#triage",
    fetchLatestEvent: null,
    now: () => new Date(T0 + 3_600_000),
  };

  it("names the incident and its root once grouping ran, with the confidence of its claims; a model may reword it", async () => {
    for (const [i, trace] of ["t1", "t2", "t3"].entries()) {
      const at = T0 + i * 5_000;
      await ingestAndStore(db(), delivery("100", "2", "python", at, trace), {
        ...ingestOptions,
        receivedAt: new Date(at),
      });
      await ingestAndStore(db(), delivery("200", "1", "javascript", at + 300, trace), {
        ...ingestOptions,
        receivedAt: new Date(at + 300),
      });
    }
    // The first analysis runs before any grouping: the issue stands alone, a fresh claim.
    await runAnalyseIssueJob(db(), "200", settings);
    const first = await getLatestAnalysis(db(), "200");
    expect(first?.summary).toContain("No other issue is linked to it yet.");
    expect(first?.summaryFacts?.claims.map((c) => c.kind)).toEqual(["category", "incident"]);

    await runGroupIncidentJob(db(), "100");
    await runGroupIncidentJob(db(), "200");
    await runAnalyseIssueJob(db(), "200", settings);
    const symptom = await getLatestAnalysis(db(), "200");
    const incident = (await getIssueDetail(db(), "200"))?.incident;
    expect(incident?.rootIssueId).toBe("100");
    expect(symptom?.summary).toMatch(/It is part of incident #\d+ \(2 issues\), likely caused by issue 100 /);
    expect(symptom?.summaryFacts?.nextStep).toBe("look at the root issue 100 first");
    const claims = symptom?.summaryFacts?.claims ?? [];
    expect(claims.map((c) => c.kind)).toEqual(["category", "incident", "root"]);
    const root = claims.find((c) => c.kind === "root");
    expect(root?.confidence).toBe(claimConfidence("root", incident?.root.confidence ?? null));
    expect(root?.factor).toBe("root");
    // The claims' product through the fitted map (summary-confidence-fit.json).
    expect(symptom?.summaryFacts?.confidence).toBe(summaryConfidence(claims));
    expect(symptom?.summaryFacts?.rephrasedBy).toBeNull();

    // A model that keeps to the facts rewords the summary; the deterministic text is kept beside it.
    const deterministic = symptom?.summary ?? "";
    llm.behave({ reply: () => `Reworded: ${deterministic}` });
    const rephraseSummary = createSummaryRephraser({
      baseUrl: llm.baseUrl,
      apiKey: null,
      model: "stand-in",
      timeoutMs: 3000,
    });
    await runAnalyseIssueJob(db(), "200", { ...settings, rephraseSummary });
    const reworded = await getLatestAnalysis(db(), "200");
    expect(reworded?.summary).toBe(`Reworded: ${deterministic}`);
    expect(reworded?.summaryFacts).toMatchObject({ rephrasedBy: "stand-in", deterministic });

    // One that invents a number is refused: the deterministic summary stays.
    llm.behave({ reply: () => `${deterministic} About 4000 users are hurt.` });
    await runAnalyseIssueJob(db(), "200", { ...settings, rephraseSummary });
    const refused = await getLatestAnalysis(db(), "200");
    expect(refused?.summary).toBe(deterministic);
    expect(refused?.summaryFacts?.rephrasedBy).toBeNull();
  });
});
