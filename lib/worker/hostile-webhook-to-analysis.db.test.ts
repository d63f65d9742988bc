import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { ZodError } from "zod";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { analyses, deliveries, events, issues, jobs } from "@/lib/db/schema";
import { ingestWebhook } from "@/lib/ingest/ingest-webhook";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { buildJobKinds } from "./job-kinds";

// Signed deliveries whose content is odd but possible. Each must end as a stored delivery or as a
// ZodError (the route's 400), never as a database error (a 500 loses an internal integration's only
// delivery attempt), and a refusal must write nothing. Text PostgreSQL cannot hold is cleaned and
// stored; dates outside any plausible clock are refused.

type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readFileSync(`${fixturesDir}/webhooks/${name}`, "utf8"));
const options = { tenantKeys: ["tenant_id"], rolesKeys: ["roles"], appId: null, receivedAt: new Date() };

type Expected = "stored" | "refused";
const nul = "before\u0000after";
const errorOf = (p: Json) => (p.data as Json).error as Json;
const issueOf = (p: Json) => (p.data as Json).issue as Json;

const set = (fields: Json) => (target: Json) => void Object.assign(target, fields);

const hostileErrors: Array<[string, Expected, (e: Json) => void]> = [
  ["a NUL character in the message", "stored", set({ message: nul })],
  ["a NUL character in a tag value", "stored", set({ tags: [["tenant_id", nul]] })],
  ["a NUL character in a user field", "stored", set({ user: { id: nul, tenant_id: nul, roles: [nul] } })],
  [
    "a NUL character in an exception value",
    "stored",
    set({ exception: { values: [{ type: nul, value: nul }] } }),
  ],
  ["a NUL character in a JSON key", "stored", set({ contexts: { [nul]: { a: 1 } } })],
  ["a lone surrogate in the message", "stored", set({ message: "broken \ud800 pair" })],
  ["a timestamp beyond any calendar", "refused", set({ datetime: null, timestamp: 1e300 })],
  ["a datetime before the year 1", "refused", set({ datetime: "-271821-04-20T00:00:00Z" })],
  ["a datetime in year 275760", "refused", set({ datetime: "+275760-09-13T00:00:00Z" })],
  ["an issue id of twenty digits", "stored", set({ issue_id: "99999999999999999999" })],
  [
    "a huge frame line number",
    "stored",
    set({ exception: { values: [{ stacktrace: { frames: [{ lineno: 1e300 }] } }] } }),
  ],
  ["a 100 kB message", "stored", set({ message: "x".repeat(100_000) })],
  ["roles that are not strings", "stored", set({ user: { id: "u1", roles: [1, null, { a: 1 }] } })],
];

const hostileIssues: Array<[string, Expected, (i: Json) => void]> = [
  ["a count past 32 bits", "stored", set({ count: "9999999999" })],
  ["a count that is not a number", "stored", set({ count: "lots" })],
  ["a userCount past 32 bits", "stored", set({ userCount: 9_999_999_999 })],
  ["a fractional userCount", "stored", set({ userCount: 1.5 })],
  ["a NUL character in the title", "stored", set({ title: nul })],
  ["a lastSeen in year 275760", "refused", set({ lastSeen: "+275760-09-13T00:00:00Z" })],
];

const settings = {
  rules: parseOwnershipRules("path:/runner #frontend"),
  fallbackOwner: "#triage",
  identity: { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] },
  sentryApi: null,
};

const tables = [deliveries, issues, events, jobs];

describeOnEachDatabase("ingestWebhook with hostile but signed input", (db) => {
  async function deliver(resource: string, payload: Json) {
    const delivery = { resource, requestId: null, rawBody: JSON.stringify(payload), payload };
    try {
      return await ingestWebhook(db(), delivery, options);
    } catch (error) {
      if (error instanceof ZodError) {
        for (const table of tables) expect(await db().$count(table)).toBe(0);
        return "refused";
      }
      throw error;
    }
  }

  // What was stored must also survive analysis: the worker reads it back and writes jsonb of its own.
  async function analyseAll() {
    await runDueJobs(db(), buildJobKinds(settings));
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(1);
    expect(await db().$count(analyses)).toBe(1);
  }

  it.each(hostileErrors)(
    "error.created with %s is %s, never a database error",
    async (_, expected, mutate) => {
      const payload = fixture("webhook-error-created.json");
      mutate(errorOf(payload));
      const result = await deliver("error", payload);
      if (expected === "refused") return expect(result).toBe("refused");
      expect(result).toMatchObject({ outcome: "ingested" });
      expect(await db().$count(events)).toBe(1);
      await analyseAll();
    },
  );

  it.each(hostileIssues)(
    "issue.created with %s is %s, never a database error",
    async (_, expected, mutate) => {
      const payload = fixture("webhook-issue-created.json");
      mutate(issueOf(payload));
      const result = await deliver("issue", payload);
      if (expected === "refused") return expect(result).toBe("refused");
      expect(result).toMatchObject({ outcome: "ingested" });
      expect(await db().$count(issues)).toBe(1);
      await analyseAll();
    },
  );

  it("keeps counts past 32 bits and drops ones that are not whole numbers", async () => {
    const big = fixture("webhook-issue-created.json");
    Object.assign(issueOf(big), { count: "9999999999", userCount: 1.5 });
    await deliver("issue", big);
    const [issue] = await db().select().from(issues);
    expect(issue).toMatchObject({ sentryCount: 9_999_999_999, sentryUserCount: null });
  });

  it("keeps the text around a NUL character instead of dropping the delivery", async () => {
    const payload = fixture("webhook-error-created.json");
    errorOf(payload).message = nul;
    const result = await deliver("error", payload);
    expect(result).not.toBe("refused");
    const [event] = await db().select().from(events);
    expect(event?.message).toMatch(/^before.after$/);
  });
});
