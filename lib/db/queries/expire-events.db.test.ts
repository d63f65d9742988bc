import { sql } from "drizzle-orm";
import { afterAll, beforeEach, expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { ensureEventPartitions, listEventPartitions } from "./event-partitions";
import { insertEvent, listRecentEvents } from "./events";
import { expireEvents } from "./expire-events";
import { getIssueRow } from "./issue-row";
import { upsertIssue } from "./issues";
import { upsertProject } from "./projects";
import { rebuildIssueRollups } from "./rollups";

// Months far from the real clock's, so the migration's partitions (now's months) never interfere.
const day = (month: number, date: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(2031, month - 1, date, hour, minute));

/**
 * Every month partition (empty: the tables were just truncated), the migration's and an earlier
 * run's on the shared PostgreSQL test database: each test starts with the default partition alone.
 */
async function dropMonthPartitions(db: Database) {
  for (const p of await listEventPartitions(db)) await db.execute(sql`drop table ${sql.identifier(p.name)}`);
}

let n = 0;
const event = (
  issueId: string,
  occurredAt: Date,
  userId: string | null,
  tenantId: string | null,
  roles: string[] = [],
  release: string | null = null,
) => {
  n += 1;
  return {
    id: `ev-${n}`,
    issueId,
    projectId: "1",
    occurredAt,
    userId,
    tenantId,
    roles,
    release,
    environment: release ? `env-of-${release}` : null,
    tags: {},
    frames: [],
  };
};

async function seedIssues(db: Database, ...ids: string[]) {
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  for (const id of ids) {
    await upsertIssue(db, {
      id,
      projectId: "1",
      title: `Issue ${id}`,
      firstSeen: day(12, 31),
      lastSeen: day(1, 1),
    });
  }
}

/** Every rollup and count retention must correct, in a stable order, for comparison with a recount. */
async function rollups(db: Database) {
  const all = async (query: ReturnType<typeof sql>) =>
    rowsOf<Record<string, unknown>>(await db.execute(query));
  return {
    issues: await all(
      sql`select id, event_count::int, user_count::int, tenant_count::int, (first_seen at time zone 'UTC')::text as first_seen from issues order by id`,
    ),
    users: await all(sql`select * from issue_users order by 1, 2`),
    tenants: await all(sql`select * from issue_tenants order by 1, 2`),
    releases: await all(sql`select * from issue_releases order by 1, 2`),
    environments: await all(sql`select * from issue_environments order by 1, 2`),
    identities: await all(
      sql`select issue_id, identity_key, user_id, tenant_id, roles, events::int from issue_identities order by 1, 2`,
    ),
    hourIdentities: await all(
      sql`select issue_id, hour, identity_key, user_id, tenant_id, events::int from issue_hour_identities order by 1, 2, 3`,
    ),
    issueHours: await all(sql`select issue_id, hour, events::int from issue_hours order by 1, 2`),
    tenantHours: await all(sql`select tenant_id, hour, events::int from tenant_hours order by 1, 2`),
    tenantIdentities: await all(sql`select * from tenant_identities order by 1, 2`),
    tenantActivity: await all(sql`select * from tenant_activity order by 1`),
    pending: await all(sql`select * from pending_event_hours order by 1, 2, 3`),
  };
}

const eventIdsOf = async (db: Database, table: "events" | "event_ids") =>
  rowsOf<{ id: string }>(await db.execute(sql`select id from ${sql.identifier(table)}`))
    .map((r) => r.id)
    .sort();

describeOnEachDatabase("event partitions and retention", (db) => {
  beforeEach(async () => {
    await dropMonthPartitions(db());
  });
  // The test files after this one share the PostgreSQL database: leave them the months the
  // migration and the event_partitions job would have made, not the default partition alone.
  afterAll(async () => {
    await dropMonthPartitions(db());
    await ensureEventPartitions(db(), { now: new Date(), monthsAhead: 2 });
  });

  it("creates the months ahead once, and moves rows waiting in the default partition into theirs", async () => {
    await seedIssues(db(), "1");
    // No partition for December 2030 (nor for June 2031): the events go to the default partition,
    // and the inserts succeed.
    const early = event("1", new Date(Date.UTC(2030, 11, 20)), "u1", "acme");
    const late = event("1", day(6, 1), "u1", "acme");
    expect(await insertEvent(db(), early)).toBe(true);
    expect(await insertEvent(db(), late)).toBe(true);
    const inDefault = async () =>
      rowsOf<{ id: string }>(await db().execute(sql`select id from events_default`)).map((r) => r.id);
    expect((await inDefault()).sort()).toEqual([early.id, late.id].sort());

    // Two months ahead of February, and December for the row waiting in the default partition;
    // June is past the horizon and waits.
    const created = await ensureEventPartitions(db(), { now: day(2, 10), monthsAhead: 2 });
    expect(created).toEqual(["events_2030_12", "events_2031_02", "events_2031_03", "events_2031_04"]);
    expect(await inDefault()).toEqual([late.id]);
    expect(await ensureEventPartitions(db(), { now: day(2, 10), monthsAhead: 2 })).toEqual([]);
    const where = rowsOf<{ partition: string }>(
      await db().execute(
        sql`select tableoid::regclass::text as partition from events where id = ${early.id}`,
      ),
    );
    expect(where).toEqual([{ partition: "events_2030_12" }]);

    // A month's partition takes its events from now on, and a lookup bounded by time finds them.
    expect(await insertEvent(db(), event("1", day(3, 2), "u2", null))).toBe(true);
    const march = rowsOf<{ partition: string }>(
      await db().execute(
        sql`select tableoid::regclass::text as partition from events where occurred_at < ${day(4, 1).toISOString()}::timestamptz and occurred_at >= ${day(3, 1).toISOString()}::timestamptz`,
      ),
    );
    expect(march).toEqual([{ partition: "events_2031_03" }]);
  });

  it("widens the issue's seen range to every event it stores, so lookups bounded by it find them all", async () => {
    await seedIssues(db(), "1");
    await ensureEventPartitions(db(), { now: day(1, 10), monthsAhead: 2 });
    await upsertIssue(db(), {
      id: "1",
      projectId: "1",
      title: "Issue 1",
      firstSeen: day(2, 1),
      lastSeen: day(2, 2),
    });
    const before = event("1", day(1, 5), "u1", null);
    const after = event("1", day(3, 5), "u2", null);
    for (const e of [before, after]) expect(await insertEvent(db(), e)).toBe(true);
    const issue = await getIssueRow(db(), "1");
    expect([issue?.firstSeen, issue?.lastSeen]).toEqual([day(1, 5), day(3, 5)]);
    const found = async (seen?: { firstSeen: Date; lastSeen: Date }) =>
      (await listRecentEvents(db(), "1", 10, seen)).map((e) => e.id);
    expect(await found(issue ?? undefined)).toEqual([after.id, before.id]);
    expect(await found()).toEqual([after.id, before.id]);
  });

  it("stores an event id once, even at another time (another partition)", async () => {
    await seedIssues(db(), "1");
    await ensureEventPartitions(db(), { now: day(1, 10), monthsAhead: 2 });
    const first = event("1", day(1, 10), "u1", "acme");
    expect(await insertEvent(db(), first)).toBe(true);
    expect(await insertEvent(db(), { ...first, occurredAt: day(3, 1) })).toBe(false);
    expect(await insertEvent(db(), first)).toBe(false);
    expect(await eventIdsOf(db(), "events")).toEqual([first.id]);
    const [issue] = (await rollups(db())).issues;
    expect(issue).toMatchObject({ event_count: 1, user_count: 1, tenant_count: 1 });
  });

  it("drops the months past the cutoff, deletes the rest before it, and corrects every rollup as a recount does", async () => {
    await seedIssues(db(), "1", "2", "3");
    await ensureEventPartitions(db(), { now: day(1, 5), monthsAhead: 3 });
    // Issue 1 spans January to March; issue 2 only January (it loses everything); issue 3 has an
    // event from before any partition (in the default partition) and some in February.
    const stored = [
      event("1", day(1, 3, 9, 15), "u1", "acme", ["admin"], "web@1"),
      event("1", day(1, 20, 11), "u2", "acme"),
      event("1", day(2, 10, 4, 59), "u2", "acme", [], "web@2"),
      event("1", day(2, 10, 5, 0), "u3", "globex", [], "web@2"),
      event("1", day(2, 11), "u1", "acme", ["admin"]),
      event("1", day(3, 15), null, null),
      event("2", day(1, 7), "u1", "acme", ["admin"], "web@1"),
      event("2", day(1, 8), "u9", "initech"),
      event("3", new Date(Date.UTC(2030, 5, 1)), "u4", "globex"),
      event("3", day(2, 9), "u4", "globex"),
      event("3", day(2, 12), "u5", "acme"),
    ];
    for (const e of stored) expect(await insertEvent(db(), e)).toBe(true);
    // A consistent starting point, tenant activity included (the analysis job keeps that one).
    await rebuildIssueRollups(db());

    const cutoff = day(2, 10, 5, 30); // rounded down to 05:00: the 04:59 event goes, 05:00 stays
    const result = await expireEvents(db(), cutoff);
    expect(result).toEqual({ droppedPartitions: ["events_2031_01"], events: 7, issues: 3 });
    expect((await listEventPartitions(db())).map((p) => p.name)).not.toContain("events_2031_01");

    const kept = stored.filter((e) => e.occurredAt >= day(2, 10, 5));
    expect(await eventIdsOf(db(), "events")).toEqual(kept.map((e) => e.id).sort());
    expect(await eventIdsOf(db(), "event_ids")).toEqual(kept.map((e) => e.id).sort());

    const afterExpiry = await rollups(db());
    expect(afterExpiry.issues).toEqual([
      { id: "1", event_count: 3, user_count: 2, tenant_count: 2, first_seen: "2031-02-10 05:00:00" },
      // Nothing left: counts zero, seen range kept (first seen was lowered to its oldest event's).
      { id: "2", event_count: 0, user_count: 0, tenant_count: 0, first_seen: "2031-01-07 00:00:00" },
      { id: "3", event_count: 1, user_count: 1, tenant_count: 1, first_seen: "2031-02-12 00:00:00" },
    ]);
    expect(afterExpiry.tenantActivity.map((r) => r.tenant_id)).toEqual(["acme", "globex"]);
    // web@1 was carried by expired events only; web@2 by one that stays.
    expect(afterExpiry.releases.map((r) => `${r.issue_id} ${r.release}`)).toEqual(["1 web@2"]);
    expect(afterExpiry.environments.map((r) => `${r.issue_id} ${r.environment}`)).toEqual(["1 env-of-web@2"]);
    await rebuildIssueRollups(db());
    expect(afterExpiry).toEqual(await rollups(db()));

    // Nothing more to expire: a second run changes nothing.
    expect(await expireEvents(db(), cutoff)).toEqual({ droppedPartitions: [], events: 0, issues: 0 });
    expect(await rollups(db())).toEqual(afterExpiry);
  });
});
