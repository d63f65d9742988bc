import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { deliveries, jobs } from "../schema";
import { insertDeliveriesWithJob, insertDeliveryWithJob, type NewDelivery } from "./deliveries";

const delivery = (key: string, body = `{"key":"${key}"}`): NewDelivery => ({
  requestId: `request-${key}`,
  resource: "error",
  action: "created",
  dedupeKey: `error:created:${key}`,
  installationUuid: null,
  outcome: "ingested",
  bodyJson: body,
  receivedAt: new Date("2026-12-01T10:00:00Z"),
});

describeOnEachDatabase("deliveries with their jobs", (db) => {
  const counts = async () => {
    const stored = await db().select().from(deliveries);
    const queued = await db().select().from(jobs);
    const ids = new Set(stored.map((row) => String(row.id)));
    return {
      deliveries: stored.length,
      jobs: queued.filter((job) => job.kind === "store_delivery").length,
      unmatched: queued.filter((job) => !ids.has(String(job.subjectId))).length,
    };
  };

  it("stores a batch in one statement: each new key once with one job, retries and repeats as duplicates", async () => {
    expect(await insertDeliveriesWithJob(db(), [delivery("a")], "store_delivery")).toEqual([true]);
    const result = await insertDeliveriesWithJob(
      db(),
      [delivery("b"), delivery("a"), delivery("c"), delivery("b")],
      "store_delivery",
    );
    expect(result).toEqual([true, false, true, false]);
    expect(await counts()).toEqual({ deliveries: 3, jobs: 3, unmatched: 0 });
    const [stored] = await db().select().from(deliveries).where(eq(deliveries.dedupeKey, "error:created:c"));
    expect(stored?.body).toEqual({ key: "c" });
    expect(stored?.requestId).toBe("request-c");
    expect(stored?.receivedAt.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("stores each body and field of a batch as sent, whatever characters they carry", async () => {
    const body = ' {"body":{"s":"quote \\" backslash \\\\ fire 🔥 \\u00e9 \\n","n":1e400},"a":[1,[2,[3]]]}\n';
    const odd = {
      ...delivery("odd", body),
      requestId: 'req "1" \\',
      installationUuid: "inst-1",
      receivedAt: undefined,
    };
    const before = Date.now();
    expect(await insertDeliveriesWithJob(db(), [odd, delivery("plain")], "store_delivery")).toEqual([
      true,
      true,
    ]);
    const [stored] = await db()
      .select()
      .from(deliveries)
      .where(eq(deliveries.dedupeKey, "error:created:odd"));
    expect(stored?.body).toEqual(JSON.parse(body));
    expect(stored?.requestId).toBe('req "1" \\');
    expect(stored?.installationUuid).toBe("inst-1");
    expect(stored?.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it("groups concurrent calls, answering each only for its own delivery", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i % 25}`);
    const results = await Promise.all(
      keys.map((key) => insertDeliveryWithJob(db(), delivery(key), "store_delivery")),
    );
    // Of each repeated key exactly one call stored it; the others were told it was a duplicate.
    for (let k = 0; k < 25; k++)
      expect(results.filter((stored, i) => stored && keys[i] === `k${k}`)).toHaveLength(1);
    expect(await counts()).toEqual({ deliveries: 25, jobs: 25, unmatched: 0 });
  });

  it("a delivery the database refuses fails its own call only; the rest of its group is stored", async () => {
    const calls = ["x", "y", "bad", "z"].map((key) =>
      insertDeliveryWithJob(
        db(),
        delivery(key, key === "bad" ? "{not json" : undefined),
        "store_delivery",
      ).then(
        (stored) => stored,
        () => "refused",
      ),
    );
    expect(await Promise.all(calls)).toEqual([true, true, "refused", true]);
    expect(await counts()).toEqual({ deliveries: 3, jobs: 3, unmatched: 0 });
  });
});
