import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { listEventPartitions } from "@/lib/db/queries/event-partitions";
import { insertEvent } from "@/lib/db/queries/events";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { rowsOf } from "@/lib/db/rows-of";
import { jobs } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { EVENT_PARTITIONS_JOB, eventPartitionsJob, runEventPartitionsJob } from "./event-partitions-job";

const now = new Date(Date.UTC(2032, 2, 15, 12, 30));
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000);

describeOnEachDatabase("event_partitions job", (db) => {
  beforeEach(async () => {
    // Empty after the truncate; each test starts with the default partition alone.
    for (const p of await listEventPartitions(db()))
      await db().execute(sql`drop table ${sql.identifier(p.name)}`);
  });

  it("queues its first run when a worker starts", async () => {
    await eventPartitionsJob({ retentionDays: null }).onWorkerStart?.(db());
    expect(await db().select().from(jobs).where(eq(jobs.kind, EVENT_PARTITIONS_JOB))).toHaveLength(1);
  });

  it("queues its next run, keeps months ahead and, with a retention, deletes what is past it", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: null });
    await upsertIssue(db(), {
      id: "9",
      projectId: "1",
      title: "Old",
      firstSeen: daysBefore(100),
      lastSeen: now,
    });
    const at = [daysBefore(100), daysBefore(40), daysBefore(31), daysBefore(29), daysBefore(1)];
    for (const [i, occurredAt] of at.entries()) {
      await insertEvent(db(), {
        id: `e${i}`,
        issueId: "9",
        projectId: "1",
        occurredAt,
        userId: `u${i}`,
        tags: {},
        frames: [],
      });
    }
    const kept = await runEventPartitionsJob(db(), { retentionDays: null }, now);
    expect(kept.expired).toBeNull();
    // This month and two ahead, and the months of the events waiting in the default partition.
    expect(kept.created).toEqual([
      "events_2031_12",
      "events_2032_02",
      "events_2032_03",
      "events_2032_04",
      "events_2032_05",
    ]);

    const result = await runEventPartitionsJob(db(), { retentionDays: 30 }, now);
    // The cutoff is 14 February 12:00: December goes whole, two February events one by one.
    expect(result).toEqual({
      created: [],
      expired: { droppedPartitions: ["events_2031_12"], events: 3, issues: 1 },
    });
    const counts = rowsOf(
      await db().execute(sql`select event_count::int as events, user_count::int as users from issues`),
    );
    expect(counts).toEqual([{ events: 2, users: 2 }]);
    const queued = await db().select().from(jobs).where(eq(jobs.kind, EVENT_PARTITIONS_JOB));
    expect(queued.map((j) => j.runAfter.getTime())).toEqual([now.getTime() + 3_600_000]);
  });
});
