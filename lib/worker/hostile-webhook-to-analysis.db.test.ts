import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { ZodError } from "zod";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import {
  alertTriggers,
  analyses,
  deliveries,
  events,
  issueComments,
  issues,
  jobs,
  metricAlerts,
  seerRuns,
} from "@/lib/db/schema";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";
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
// Random text does not compress, so PostgreSQL cannot squeeze it under its ~2.7 kB index entry limit.
const long = () => randomBytes(3000).toString("base64");
// The route hands ingest the exact bytes and their parse; JSON.stringify itself overflows the
// stack on the deepest payloads, so those stand in with a marker the body hash can use.
function rawBodyOf(payload: Json): string {
  try {
    return JSON.stringify(payload);
  } catch {
    // Too deep for JSON.stringify: stand-in text as deep as the payload, as Sentry's body would be.
    const depth = 100_000;
    return `{"id":"${randomBytes(8).toString("hex")}","deep":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  }
}
const nested = (depth: number): Json => JSON.parse(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);

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
  ["a 4 kB random user id", "stored", set({ user: { id: long() } })],
  ["a 4 kB random user email", "stored", set({ user: { email: long() } })],
  ["a 4 kB random username", "stored", set({ user: { username: long() } })],
  ["a 4 kB random tenant tag", "stored", set({ tags: [["tenant_id", long()]] })],
  ["a 4 kB random tenant on the user", "stored", set({ user: { id: "u1", tenant_id: long() } })],
  ["a 4 kB random trace id", "stored", set({ contexts: { trace: { trace_id: long() } } })],
  ["contexts nested 512 levels", "stored", set({ contexts: nested(509) })],
  ["contexts nested 3,000 levels", "refused", set({ contexts: nested(3000) })],
  ["contexts nested 100,000 levels", "refused", set({ contexts: nested(100_000) })],
];

const hostileIssues: Array<[string, Expected, (i: Json) => void]> = [
  ["a count past 32 bits", "stored", set({ count: "9999999999" })],
  ["a count that is not a number", "stored", set({ count: "lots" })],
  ["a userCount past 32 bits", "stored", set({ userCount: 9_999_999_999 })],
  ["a fractional userCount", "stored", set({ userCount: 1.5 })],
  ["a NUL character in the title", "stored", set({ title: nul })],
  ["a lastSeen in year 275760", "refused", set({ lastSeen: "+275760-09-13T00:00:00Z" })],
  ["a 4 kB random status", "stored", set({ status: long() })],
  ["a 4 kB random substatus", "stored", set({ substatus: long() })],
  ["a 4 kB random assignee", "stored", set({ assignedTo: { type: long(), id: long(), name: long() } })],
];

// Other resources, each delivered once: [what, expected, resource, fixture, mutate the payload].
const hostileOthers: Array<[string, Expected, string, string, (p: Json) => void]> = [
  ["a 4 kB random Sentry-Hook-Resource", "refused", long(), "webhook-issue-created.json", () => {}],
  ["a resource name with spaces", "refused", "issue created", "webhook-issue-created.json", () => {}],
  [
    "an unknown resource with a 4 kB random action",
    "stored",
    "size_analysis",
    "webhook-issue-created.json",
    set({ action: long() }),
  ],
  ["a 4 kB random issue action", "refused", "issue", "webhook-issue-created.json", set({ action: long() })],
  [
    "a 4 kB random alert rule name",
    "stored",
    "event_alert",
    "webhook-event_alert-triggered.json",
    (p) => set({ triggered_rule: long() })(p.data as Json),
  ],
  [
    "a seer run id of 4 kB of digits",
    "refused",
    "seer",
    "webhook-seer-coding_started.json",
    (p) => set({ run_id: "9".repeat(4000) })(p.data as Json),
  ],
  [
    "a 4 kB random comment and project slug",
    "stored",
    "comment",
    "webhook-comment-created.json",
    (p) => set({ comment: long(), project_slug: long() })(p.data as Json),
  ],
  [
    "a 4 kB random comment timestamp",
    "refused",
    "comment",
    "webhook-comment-created.json",
    (p) => set({ timestamp: long() })(p.data as Json),
  ],
  [
    "a 4 kB random metric alert project",
    "stored",
    "metric_alert",
    "webhook-metric_alert-resolved.json",
    (p) => set({ projects: [long()], title: long() })((p.data as Json).metric_alert as Json),
  ],
  [
    "an unknown resource nested 3,000 levels",
    "refused",
    "size_analysis",
    "webhook-issue-created.json",
    set({ data: nested(3000) }),
  ],
  [
    "an issue nested 10,000 levels in its metadata",
    "refused",
    "issue",
    "webhook-issue-created.json",
    (p) => set({ metadata: nested(10_000) })((p.data as Json).issue as Json),
  ],
];

const settings = {
  rules: parseOwnershipRules("path:/runner #frontend"),
  fallbackOwner: "#triage",
  identity: { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] },
  sentryApi: null,
};

const tables = [deliveries, issues, events, jobs, issueComments, seerRuns, alertTriggers, metricAlerts];

describeOnEachDatabase("ingestWebhook with hostile but signed input", (db) => {
  async function deliver(resource: string, payload: Json) {
    const delivery = { resource, requestId: null, rawBody: rawBodyOf(payload), payload };
    try {
      return await ingestAndStore(db(), delivery, options);
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
    expect(await db().$count(jobs, and(eq(jobs.kind, "analyse_issue"), eq(jobs.status, "done")))).toBe(1);
    expect(await db().$count(jobs, eq(jobs.status, "failed"))).toBe(0);
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

  it.each(hostileOthers)("%s is %s, never a database error", async (_, expected, resource, name, mutate) => {
    const payload = fixture(name);
    mutate(payload);
    const result = await deliver(resource, payload);
    if (expected === "refused") return expect(result).toBe("refused");
    expect(result).toMatchObject({ outcome: expect.stringMatching(/^(ingested|recorded)$/) });
    expect(await db().$count(deliveries)).toBe(1);
  });

  it("keeps two long user ids apart, each capped to a readable start and a hash", async () => {
    const ids = [`${"u".repeat(300)}-1`, `${"u".repeat(300)}-2`];
    for (const [n, id] of ids.entries()) {
      const payload = fixture("webhook-error-created.json");
      Object.assign(errorOf(payload), { event_id: `${n}`.padStart(32, "0"), user: { id } });
      await deliver("error", payload);
    }
    const stored = await db().select({ userId: events.userId }).from(events);
    expect(stored.map((e) => e.userId?.replace(/#.*/, "#"))).toEqual([
      `${"u".repeat(200)}…#`,
      `${"u".repeat(200)}…#`,
    ]);
    const [issue] = await db().select().from(issues);
    expect(issue?.userCount).toBe(2);
  });

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
