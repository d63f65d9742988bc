import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RephraseRequest } from "@/lib/analysis/summary-rephrasing";
import { type LlmServer, startLlmServer } from "@/test/llm-server";
import { createSummaryRephraser } from "./rephrase-summary";

const request: RephraseRequest = {
  deterministic:
    "Database error in db/orders.py (save_order), since release api@2.3.1. It hit 12 users in 4 tenants (acme, globex, initech, …). Owner #payments via path:db/**. Next: check the database's health.",
  facts: { users: 12, tenants: 4, release: "api@2.3.1", owner: "#payments" },
};
const faithful =
  "Since api@2.3.1, save_order in db/orders.py fails on the database for 12 users in 4 tenants; #payments owns it and should check the database's health.";

let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ reply: () => faithful });
});
afterAll(() => llm.close());

const rephraser = (timeoutMs = 3000) =>
  createSummaryRephraser({ baseUrl: llm.baseUrl, apiKey: "sk-test", model: "stand-in-1", timeoutMs });

describe("createSummaryRephraser against a chat-completions stand-in", () => {
  it("sends only the facts and the deterministic text, and keeps a faithful rewording", async () => {
    llm.behave({ reply: () => faithful });
    const before = llm.requests.length;
    expect(await rephraser()(request)).toEqual({ text: faithful, model: "stand-in-1" });
    const sent = llm.requests[before];
    expect(sent?.authorization).toBe("Bearer sk-test");
    expect(sent?.body.model).toBe("stand-in-1");
    expect(sent?.body.messages.at(-1)?.content).toBe(
      `Facts (JSON):\n${JSON.stringify(request.facts)}\n\nSummary to rewrite:\n${request.deterministic}`,
    );
  });

  it("refuses a reply that invents a number", async () => {
    llm.behave({ reply: () => faithful.replace("12 users", "120 users") });
    expect(await rephraser()(request)).toEqual({ rejected: '"120" is not in the facts' });
  });

  it("gives up after the timeout", async () => {
    llm.behave({ reply: () => faithful, delayMs: 1500 });
    const started = performance.now();
    expect(await rephraser(200)(request)).toEqual({ rejected: "no answer within 200 ms" });
    expect(performance.now() - started).toBeLessThan(1200);
  });

  it("refuses garbage: not JSON, no choices, an error status, an empty reply", async () => {
    llm.behave({ raw: "<html>oops</html>" });
    expect(await rephraser()(request)).toMatchObject({ rejected: expect.stringMatching(/SyntaxError|JSON/) });
    llm.behave({ raw: JSON.stringify({ id: "x", choices: [] }) });
    expect(await rephraser()(request)).toEqual({ rejected: "malformed answer: no choices" });
    llm.behave({ raw: JSON.stringify({ error: { message: "overloaded" } }), status: 503 });
    expect(await rephraser()(request)).toEqual({ rejected: "HTTP 503" });
    llm.behave({ reply: () => "   " });
    expect(await rephraser()(request)).toEqual({ rejected: "empty answer" });
  });

  it("says so when nothing listens", async () => {
    const gone = createSummaryRephraser({
      baseUrl: "http://127.0.0.1:9/v1",
      apiKey: null,
      model: "m",
      timeoutMs: 1000,
    });
    expect(await gone(request)).toMatchObject({ rejected: expect.any(String) });
  });
});
