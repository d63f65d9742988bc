import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { deliveries, events, issues, jobs, projects } from "@/lib/db/schema";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";

// Sentry sends bursts: many events of one new issue at once, and retries that overlap the original.
// On the PostgreSQL server these run in parallel transactions (pool of 10); every delivery must
// succeed (no deadlock, no unique violation) and the rows must come out exact.

const template = readFileSync(`${fixturesDir}/webhooks/webhook-error-created.json`, "utf8");
const options = { tenantKeys: ["tenant_id"], rolesKeys: ["roles"], appId: null, receivedAt: new Date() };

function delivery(n: number) {
  const payload = JSON.parse(template);
  const error = payload.data.error;
  error.event_id = n.toString(16).padStart(32, "0");
  error.issue_id = String(1000 + (n % 3));
  error.project = 1 + ((n % 3) % 2); // issues 1000 and 1002 in project 1, 1001 in project 2
  error.user = { id: `user-${n % 7}`, tenant_id: `tenant-${n % 4}` };
  return { resource: "error", requestId: null, rawBody: JSON.stringify(payload), payload };
}

describeOnEachDatabase("ingestWebhook under a burst of parallel deliveries", (db) => {
  it("stores 30 events of 3 issues once each, with each delivery sent twice at the same time", async () => {
    const burst = Array.from({ length: 30 }, (_, n) => [delivery(n), delivery(n)]).flat();
    const results = await Promise.allSettled(burst.map((d) => ingestAndStore(db(), d, options)));
    const failures = results.filter((r) => r.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    const outcomes = results.map((r) => (r as PromiseFulfilledResult<{ outcome: string }>).value.outcome);
    expect(outcomes.filter((o) => o === "ingested")).toHaveLength(30);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(30);
    expect(await db().$count(deliveries)).toBe(30);
    expect(await db().$count(events)).toBe(30);
    expect(await db().$count(issues)).toBe(3);
    expect(await db().$count(projects)).toBe(2);
    // One queued analysis per issue, however many of its events arrived.
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(3);
  });
});
