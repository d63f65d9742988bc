import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { deliveries, events, issueIdentities, issues, jobs } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { errorDelivery, ingestOptions, storeQueuedDeliveries } from "@/test/ingest-deliveries";
import { ingestWebhook } from "./ingest-webhook";
import { runStoreDeliveryJob, STORE_DELIVERY_JOB } from "./store-delivery-job";

describeOnEachDatabase("error.created stored by its job after the answer", (db) => {
  it("answers with the ids once the delivery and its store job are committed, before the event is stored", async () => {
    const result = await ingestWebhook(db(), errorDelivery(), ingestOptions);
    expect(result).toEqual({
      outcome: "ingested",
      issueId: "1170820242",
      eventId: "bb78c1407cea4519aa397afc059c793d",
    });
    const [delivery] = await db().select().from(deliveries);
    const queued = await db().select().from(jobs);
    expect(queued.map((j) => [j.kind, j.subjectId, j.status])).toEqual([
      [STORE_DELIVERY_JOB, String(delivery?.id), "queued"],
    ]);
    expect(await db().$count(events)).toBe(0);

    await storeQueuedDeliveries(db());
    const [issue] = await db().select().from(issues);
    expect(issue).toMatchObject({ id: "1170820242", eventCount: 1 });
    expect(await db().$count(events)).toBe(1);
    // The event's analysis is queued by the store, as the webhook queued it before.
    expect(await db().$count(jobs, eq(jobs.kind, "analyse_issue"))).toBe(1);
  });

  it("queues no second store for a retried delivery", async () => {
    await ingestWebhook(db(), errorDelivery(), ingestOptions);
    const retry = await ingestWebhook(db(), errorDelivery(), ingestOptions);
    expect(retry.outcome).toBe("duplicate");
    expect(await db().$count(jobs, eq(jobs.kind, STORE_DELIVERY_JOB))).toBe(1);
  });

  it("changes nothing when run again (a retried job), and nothing for a delivery that is gone", async () => {
    await ingestWebhook(db(), errorDelivery(), ingestOptions);
    const [delivery] = await db().select().from(deliveries);
    const id = delivery?.id ?? 0;
    expect(await runStoreDeliveryJob(db(), id, ingestOptions)).toBe("stored");
    expect(await runStoreDeliveryJob(db(), id, ingestOptions)).toBe("stored");
    const [issue] = await db().select().from(issues);
    expect([issue?.eventCount, await db().$count(events), await db().$count(issueIdentities)]).toEqual([
      1, 1, 1,
    ]);
    expect(await runStoreDeliveryJob(db(), id + 1000, ingestOptions)).toBe("gone");
  });

  it("dates an event that carries no time of its own by its delivery's arrival, not by the job's run", async () => {
    const receivedAt = new Date("2026-11-01T08:00:00Z");
    const undated = errorDelivery((p) => {
      delete p.data.error.timestamp;
      delete p.data.error.datetime;
    });
    await ingestWebhook(db(), undated, { ...ingestOptions, receivedAt });
    await storeQueuedDeliveries(db());
    const [event] = await db().select().from(events);
    expect(event?.occurredAt.toISOString()).toBe(receivedAt.toISOString());
  });
});
