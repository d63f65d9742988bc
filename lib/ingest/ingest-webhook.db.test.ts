import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { ZodError } from "zod";
import { deliveries, events, issueComments, issues, jobs } from "@/lib/db/schema";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import {
  errorDelivery,
  ingestAndStore,
  ingestOptions,
  storeQueuedDeliveries,
} from "@/test/ingest-deliveries";

const fixture = (name: string) => readFileSync(`${fixturesDir}/webhooks/${name}`, "utf8");
const options = ingestOptions;

describeOnEachDatabase("ingestWebhook", (db) => {
  it("stores delivery, project, issue, event and one analysis job for error.created", async () => {
    const result = await ingestAndStore(db(), errorDelivery(), options);
    expect(result).toEqual({
      outcome: "ingested",
      issueId: "1170820242",
      eventId: "bb78c1407cea4519aa397afc059c793d",
    });
    const [issue] = await db().select().from(issues);
    expect(issue?.title).toBe("ReferenceError: blooopy is not defined");
    expect(issue?.projectId).toBe("1");
    const [event] = await db().select().from(events);
    expect(event?.exceptionType).toBe("ReferenceError");
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(1);
    expect(await db().$count(deliveries)).toBe(1);
  });

  it("stores a retried delivery (new Request-ID) once", async () => {
    await ingestAndStore(db(), errorDelivery(), options);
    const retry = await ingestAndStore(db(), errorDelivery(), options);
    expect(retry.outcome).toBe("duplicate");
    expect(await db().$count(events)).toBe(1);
    expect(await db().$count(deliveries)).toBe(1);
  });

  it("keeps the delivery's own text: a number past double precision survives exactly", async () => {
    const delivery = errorDelivery();
    delivery.rawBody = delivery.rawBody.replace('"_ref":1293919', '"_ref":123456789012345678901234567890');
    expect(delivery.rawBody).toContain("123456789012345678901234567890");
    await ingestAndStore(db(), delivery, options);
    const [row] = await db()
      .select({ ref: sql<string>`${deliveries.body}->'data'->'error'->>'_ref'` })
      .from(deliveries);
    expect(row?.ref).toBe("123456789012345678901234567890");
  });

  it("refuses a payload that does not match the contract and writes nothing", async () => {
    const bad = errorDelivery((p) => {
      p.data.error.event_id = "not-an-id";
    });
    await expect(ingestAndStore(db(), bad, options)).rejects.toBeInstanceOf(ZodError);
    for (const table of [deliveries, issues, events, jobs]) expect(await db().$count(table)).toBe(0);
  });

  it("keeps the delivery when its event's store fails: no partial row, the store job retried", async () => {
    // A trigger makes the event insert (after the project and issue rows) fail in the store job.
    await db().execute(sql`create or replace function sift_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'simulated failure'; end $$`);
    await db().execute(
      sql`create trigger sift_test_fail before insert on events for each row execute function sift_test_fail()`,
    );
    try {
      expect((await ingestAndStore(db(), errorDelivery(), options)).outcome).toBe("ingested");
      for (const table of [issues, events]) expect(await db().$count(table)).toBe(0);
      const [job] = await db().select().from(jobs);
      expect(job).toMatchObject({ kind: "store_delivery", status: "queued", attempts: 1 });
      expect(job?.lastError).toContain('insert into "events"');
    } finally {
      await db().execute(sql`drop trigger sift_test_fail on events`);
    }
    await db()
      .update(jobs)
      .set({ runAfter: new Date(0) });
    await storeQueuedDeliveries(db());
    expect(await db().$count(events)).toBe(1);
    expect(await db().$count(deliveries)).toBe(1);
  });

  it("records unknown resources, and stores Sift's own writes without queueing any job", async () => {
    const unknown = { action: "completed", data: { id: 1 } };
    const recorded = await ingestAndStore(
      db(),
      { resource: "size_analysis", requestId: null, rawBody: JSON.stringify(unknown), payload: unknown },
      options,
    );
    expect(recorded.outcome).toBe("recorded");
    const comment = JSON.parse(fixture("webhook-comment-created.json"));
    const own = {
      ...comment,
      data: { ...comment.data, comment_id: 999 },
      actor: { type: "application", id: "sift-app-uuid", name: "Sift" },
    };
    const ignored = await ingestAndStore(
      db(),
      { resource: "comment", requestId: null, rawBody: JSON.stringify(own), payload: own },
      options,
    );
    expect(ignored.outcome).toBe("ignored");
    const [stored] = await db().select().from(issueComments);
    expect(stored).toMatchObject({ commentId: "999", own: true, text: "adding a comment" });
    const issue = JSON.parse(fixture("webhook-issue-created.json"));
    issue.actor = own.actor;
    const ownIssue = await ingestAndStore(
      db(),
      { resource: "issue", requestId: null, rawBody: JSON.stringify(issue), payload: issue },
      options,
    );
    expect(ownIssue.outcome).toBe("ignored");
    expect(await db().$count(issues)).toBe(1);
    expect(await db().$count(deliveries)).toBe(3);
    expect(await db().$count(jobs)).toBe(0);
  });

  it("issue.created stores the issue with its short id and queues its analysis", async () => {
    const payload = JSON.parse(fixture("webhook-issue-created.json"));
    await ingestAndStore(
      db(),
      { resource: "issue", requestId: null, rawBody: JSON.stringify(payload), payload },
      options,
    );
    await ingestAndStore(db(), errorDelivery(), options);
    const [issue] = await db().select().from(issues);
    expect(issue?.shortId).toBe("FRONT-END-9");
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(1);
  });
});
