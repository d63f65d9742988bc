import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import type { Database } from "../connect";
import { deliveries, issueHourIdentities, pendingEventHours } from "../schema";
import { insertDeliveryWithJob } from "./deliveries";
import { insertEvent, storeEventOfDelivery } from "./events";
import {
  listHourlyBuckets,
  listHourlyEventsByIssue,
  SPARKLINE_HOURS,
  sparklineWindow,
  TIMELINE_HOURS,
  timelineWindow,
} from "./issue-hours";
import { upsertIssue } from "./issues";
import { rollUpPendingHours } from "./pending-hours";
import { upsertProject } from "./projects";
import { rebuildIssueRollups } from "./rollups";
import { countActiveTenants, listTenantsHitAmong, recordTenantActivity } from "./tenant-activity";
import { getTenantSummary } from "./tenant-summary";

const HOUR = 3_600_000;
const start = Date.UTC(2026, 10, 1, 8);
const at = (hour: number, minute = 0) => new Date(start + hour * HOUR + minute * 60_000);

let n = 0;
function event(issueId: string, occurredAt: Date, userId: string | null, tenantId: string | null) {
  n += 1;
  return {
    id: n.toString(16).padStart(32, "0"),
    issueId,
    projectId: "1",
    occurredAt,
    userId,
    tenantId,
    tags: {},
    frames: [],
  };
}

async function seedIssues(db: Database, ...ids: string[]) {
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  for (const id of ids) {
    await upsertIssue(db, { id, projectId: "1", title: `Issue ${id}`, firstSeen: at(0), lastSeen: at(3) });
  }
}

/** One event as the webhook records it and its store job's single statement stores it. */
async function deliver(db: Database, e: ReturnType<typeof event>, deliveryKey = e.id) {
  await insertDeliveryWithJob(
    db,
    {
      requestId: null,
      resource: "error",
      action: "created",
      dedupeKey: `error:created:${deliveryKey}`,
      installationUuid: null,
      outcome: "ingested",
      bodyJson: "{}",
      receivedAt: e.occurredAt,
    },
    "store_delivery",
  );
  const [delivery] = await db
    .select()
    .from(deliveries)
    .where(eq(deliveries.dedupeKey, `error:created:${deliveryKey}`));
  return storeEventOfDelivery(db, delivery?.id ?? 0, {
    project: { id: "1", slug: "web", name: "Web", platform: "javascript" },
    issue: { id: e.issueId, projectId: "1", title: `Issue ${e.issueId}`, firstSeen: at(0), lastSeen: at(3) },
    event: e,
    reanalyseAfterSeconds: 0,
  });
}

const pendingCount = async (db: Database) => (await db.select().from(pendingEventHours)).length;

describeOnEachDatabase("hourly buckets", (db) => {
  it("folds delivered events into the tenant rollups with their hours, each once, as the rebuild counts them", async () => {
    await seedIssues(db(), "80", "81");
    const roled = (e: ReturnType<typeof event>, roles: string[]) => ({ ...e, roles });
    await deliver(db(), roled(event("80", at(1, 5), "u1", "acme"), ["admin"]));
    await deliver(db(), roled(event("81", at(3, 5), "u1", "acme"), ["admin"]));
    await deliver(db(), roled(event("81", at(3, 10), "u2", "acme"), ["viewer"]));
    await deliver(db(), event("81", at(3, 15), "u3", "globex"));
    const now = at(26);
    const summary = async () => {
      const s = await getTenantSummary(db(), { tenantId: "acme", now });
      return s && { last24h: s.last24h, last7d: s.last7d, roles: s.roles, issues: s.issueCount };
    };
    // Pending: the tenant is known (issue_tenants), its hours not yet rolled up.
    expect(await summary()).toEqual({
      last24h: { events: 0, users: 0 },
      last7d: { events: 0, users: 0 },
      roles: [],
      issues: 2,
    });
    await Promise.all([rollUpPendingHours(db(), "81"), rollUpPendingHours(db(), "81")]);
    await rollUpPendingHours(db(), "80");
    // 24 h before at(26) is at(2): the 01:05 event is in the week only.
    const folded = {
      last24h: { events: 2, users: 2 },
      last7d: { events: 3, users: 2 },
      roles: [
        { role: "admin", users: 1 },
        { role: "viewer", users: 1 },
      ],
      issues: 2,
    };
    expect(await summary()).toEqual(folded);
    await rollUpPendingHours(db(), "81");
    expect(await summary()).toEqual(folded);
    await rebuildIssueRollups(db());
    expect(await summary()).toEqual(folded);
  });

  it("leaves a delivered event's hour pending until it is rolled up, then counts it exactly once", async () => {
    const first = event("70", at(0, 5), "u1", "acme");
    await deliver(db(), first);
    await deliver(db(), event("70", at(0, 40), "u1", "acme"));
    await deliver(db(), event("70", at(1, 10), "u2", null));
    // The same event under another delivery (Sentry sent it twice): stored once, pending once.
    await deliver(db(), first, "again");
    const window = { issueIds: ["70"], from: at(0), to: at(1) };
    expect((await listHourlyBuckets(db(), window)).map((b) => b.events)).toEqual([0, 0]);
    expect(await pendingCount(db())).toBe(3);

    // Two roll-ups at once (two workers): each pending row is moved by one of them.
    await Promise.all([rollUpPendingHours(db(), "70"), rollUpPendingHours(db(), "70")]);
    expect(await pendingCount(db())).toBe(0);
    const buckets = await listHourlyBuckets(db(), window);
    expect(buckets.map((b) => [b.events, b.users, b.tenants])).toEqual([
      [2, 1, 1],
      [1, 1, 0],
    ]);
    await rollUpPendingHours(db(), "70");
    expect((await listHourlyBuckets(db(), window)).map((b) => b.events)).toEqual([2, 1]);

    // A later event of an hour already rolled up adds to its row.
    await deliver(db(), event("70", at(0, 50), "u1", "acme"));
    await rollUpPendingHours(db(), "70");
    expect((await listHourlyBuckets(db(), window)).map((b) => b.events)).toEqual([3, 1]);
    // The direct rollup (events fetched from the API) agrees with the rebuild from events.
    await deliver(db(), event("70", at(1, 20), "u3", "globex"));
    await rebuildIssueRollups(db());
    expect(await pendingCount(db())).toBe(0);
    expect((await listHourlyBuckets(db(), window)).map((b) => b.events)).toEqual([3, 2]);
  });

  it("counts events, distinct users and distinct tenants per hour, zeros for quiet hours", async () => {
    await seedIssues(db(), "10");
    const batch = [
      event("10", at(0, 5), "u1", "acme"),
      event("10", at(0, 50), "u1", "acme"),
      event("10", at(0, 59), "u2", "globex"),
      event("10", at(2, 0), null, null),
      event("10", at(2, 30), "u1", null),
      // Out of the window asked for, both sides.
      event("10", at(-1, 30), "u9", "early"),
      event("10", at(4), "u9", "late"),
    ];
    for (const e of batch) await insertEvent(db(), e);
    // A redelivered event adds nothing.
    await insertEvent(db(), batch[0] as (typeof batch)[number]);

    const buckets = await listHourlyBuckets(db(), { issueIds: ["10"], from: at(0, 20), to: at(3, 10) });
    expect(buckets).toEqual([
      { hour: at(0), events: 3, users: 2, tenants: 2 },
      { hour: at(1), events: 0, users: 0, tenants: 0 },
      { hour: at(2), events: 2, users: 1, tenants: 0 },
      { hour: at(3), events: 0, users: 0, tenants: 0 },
    ]);
  });

  it("counts a user or tenant once per hour across a set of issues, and sums their events", async () => {
    await seedIssues(db(), "20", "21", "22");
    await insertEvent(db(), event("20", at(1, 1), "u1", "acme"));
    await insertEvent(db(), event("21", at(1, 2), "u1", "acme"));
    await insertEvent(db(), event("21", at(1, 3), "u2", "acme"));
    await insertEvent(db(), event("22", at(1, 4), "u3", "globex"));
    const buckets = await listHourlyBuckets(db(), { issueIds: ["20", "21"], from: at(1), to: at(1) });
    expect(buckets).toEqual([{ hour: at(1), events: 3, users: 2, tenants: 1 }]);
    expect(await listHourlyBuckets(db(), { issueIds: [], from: at(1), to: at(1) })).toEqual([]);
  });

  it("gives each issue of a page its own events per hour over the last day, in one query", async () => {
    await seedIssues(db(), "40", "41", "42");
    const now = at(23, 40);
    await insertEvent(db(), event("40", at(0, 1), "u1", null)); // the window's first hour
    await insertEvent(db(), event("40", at(0, 2), "u2", null));
    await insertEvent(db(), event("40", at(23, 5), "u1", null)); // the current hour
    await insertEvent(db(), event("41", at(12, 0), "u1", null));
    await insertEvent(db(), event("41", at(-1, 59), "u1", null)); // a day ago: out of the window
    const window = sparklineWindow(now);
    expect(window).toEqual({ from: at(0), to: at(23) });
    const series = await listHourlyEventsByIssue(db(), { issueIds: ["40", "41", "42"], ...window });
    const expected = (hits: Record<number, number>) =>
      Array.from({ length: SPARKLINE_HOURS }, (_, hour) => hits[hour] ?? 0);
    expect(series.get("40")).toEqual(expected({ 0: 2, 23: 1 }));
    expect(series.get("41")).toEqual(expected({ 12: 1 }));
    expect(series.get("42")).toEqual(expected({}));
    expect(await listHourlyEventsByIssue(db(), { issueIds: [], ...window })).toEqual(new Map());
  });

  it("buckets by UTC hour whatever the session's time zone, exactly as a rebuild from events does", async () => {
    await seedIssues(db(), "30");
    // One transaction, so every statement runs on the connection whose time zone was set.
    await db().transaction(async (tx) => {
      await tx.execute("set local time zone 'Asia/Kolkata'");
      for (const e of [
        event("30", at(0, 10), "u1", "acme"),
        event("30", at(0, 40), "u1", "acme"),
        event("30", at(1, 10), "u2", null),
        event("30", at(5, 0), null, null),
      ]) {
        await insertEvent(tx, e);
      }
      const snapshot = async () =>
        (
          await tx
            .select()
            .from(issueHourIdentities)
            .orderBy(issueHourIdentities.hour, issueHourIdentities.identityKey)
        ).map((r) => ({ ...r }));
      const incremental = await snapshot();
      expect(incremental.map((r) => [r.hour, r.events])).toEqual([
        [at(0), 2],
        [at(1), 1],
        [at(5), 1],
      ]);
      await rebuildIssueRollups(tx);
      expect(await snapshot()).toEqual(incremental);
    });
  });
});

describeOnEachDatabase("tenant activity", (db) => {
  it("counts tenants seen since a day as active, and those of them the issue hit", async () => {
    await seedIssues(db(), "40", "41");
    await insertEvent(db(), event("40", at(0), "u1", "acme"));
    await insertEvent(db(), event("40", at(30), "u2", "globex"));
    await insertEvent(db(), event("41", at(31), "u3", "initech"));
    await insertEvent(db(), event("41", at(32), "u4", "umbrella"));
    // Issue 41 analysed first: only its tenants are known to be active yet.
    await recordTenantActivity(db(), "41", at(-72));
    expect(await countActiveTenants(db(), "40", at(24))).toEqual({ active: 2, hit: 0 });
    await recordTenantActivity(db(), "40", at(-72));
    expect(await countActiveTenants(db(), "40", at(24))).toEqual({ active: 3, hit: 1 });
    expect(await countActiveTenants(db(), "40", at(-1))).toEqual({ active: 4, hit: 2 });
  });

  it("never moves a tenant's last seen back when an older hour is recorded", async () => {
    await seedIssues(db(), "50", "51");
    await insertEvent(db(), event("50", at(40), "u1", "acme"));
    await insertEvent(db(), event("51", at(2), "u1", "acme"));
    await recordTenantActivity(db(), "50", at(0));
    await recordTenantActivity(db(), "51", at(0));
    expect(await countActiveTenants(db(), "50", at(39))).toEqual({ active: 1, hit: 1 });
  });

  it("finds which configured tenants an issue hit", async () => {
    await seedIssues(db(), "60");
    await insertEvent(db(), event("60", at(0), "u1", "acme"));
    await insertEvent(db(), event("60", at(0), "u2", "globex"));
    expect(await listTenantsHitAmong(db(), "60", ["globex", "initech", "acme"])).toEqual(["acme", "globex"]);
    expect(await listTenantsHitAmong(db(), "60", [])).toEqual([]);
  });
});

it("reaches back 72 hours, or to the hour first seen when that is later", () => {
  const now = at(100, 25);
  const long = timelineWindow(at(-500), now);
  expect(long).toEqual({ from: at(100 - TIMELINE_HOURS + 1), to: at(100) });
  expect(timelineWindow(at(90, 45), now)).toEqual({ from: at(90), to: at(100) });
  // First seen after now (a skewed clock): one hour, not an inverted range.
  expect(timelineWindow(at(200), now)).toEqual({ from: at(100), to: at(100) });
});
