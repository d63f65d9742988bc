import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "./connect";
import { insertEvent, listIssueIdentities } from "./queries/events";
import { getIssueSummary } from "./queries/issues";
import { rowsOf } from "./rows-of";

// A database made before the rollups (a newcomer's .data folder, a running deployment) must come
// out of migration 0002 with the same counts as if every event had been stored afterwards.

const work = mkdtempSync(path.join(tmpdir(), "sift-migrations-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function migrationsUpTo(tag: string): string {
  const folder = path.join(work, `upto-${tag}`);
  cpSync(path.join(process.cwd(), "drizzle"), folder, { recursive: true });
  const journalFile = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === tag);
  journal.entries = journal.entries.slice(0, end + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("migration 0002 (issue rollups) on a database that already has events", () => {
  it("backfills counts and identities from the stored events", async () => {
    const dataDir = path.join(work, "pglite");
    const before = await connect({ dataDir, migrationsFolder: migrationsUpTo("0001_issue_counts_bigint") });
    await before.db.execute(sql`insert into projects (id) values ('1')`);
    await before.db.execute(sql`
      insert into issues (id, project_id, title, first_seen, last_seen)
      values ('7', '1', 'Old issue', now(), now())`);
    await before.db.execute(sql`
      insert into events (id, issue_id, project_id, occurred_at, user_id, tenant_id, roles, tags, frames)
      values ('e1', '7', '1', now(), 'u1', 'acme', '{admin}', '{}', '[]'),
             ('e2', '7', '1', now(), 'u1', 'acme', '{admin}', '{}', '[]'),
             ('e3', '7', '1', now(), 'u2', 'globex', '{}', '{}', '[]'),
             ('e4', '7', '1', now(), null, null, '{}', '{}', '[]')`);
    await before.close();

    const after = await connect({ dataDir });
    try {
      expect(await getIssueSummary(after.db, "7")).toMatchObject({
        eventCount: 4,
        userCount: 2,
        tenantCount: 2,
      });
      expect(await listIssueIdentities(after.db, "7")).toEqual(
        expect.arrayContaining([
          { userId: "u1", tenantId: "acme", roles: ["admin"], events: 2 },
          { userId: "u2", tenantId: "globex", roles: [], events: 1 },
          { userId: null, tenantId: null, roles: [], events: 1 },
        ]),
      );
    } finally {
      await after.close();
    }
  });
});

// A database with events from before the partitioning must come out of migration 0021 with every
// event in its month's partition, each id claimed once, and each issue's seen range holding its events.
describe("migration 0021 (events partitioned by month) on a database that already has events", () => {
  it("moves the stored events into monthly partitions and keeps their ids unique", async () => {
    const dataDir = path.join(work, "pglite-0021");
    const before = await connect({
      dataDir,
      migrationsFolder: migrationsUpTo("0020_issue_search_texts"),
    });
    await before.db.execute(sql`insert into projects (id) values ('1')`);
    await before.db.execute(sql`
      insert into issues (id, project_id, title, first_seen, last_seen)
      values ('7', '1', 'Old issue', now() - interval '40 days', now() - interval '35 days')`);
    await before.db.execute(sql`
      insert into events (id, issue_id, project_id, occurred_at, tags, frames)
      values ('e1', '7', '1', now() - interval '70 days', '{}', '[]'),
             ('e2', '7', '1', now() - interval '38 days', '{}', '[]'),
             ('e3', '7', '1', now() - interval '1 day', '{}', '[]')`);
    await before.close();

    const after = await connect({ dataDir });
    try {
      const partitions = rowsOf<{ id: string; partition: string; month: string }>(
        await after.db.execute(sql`select id, tableoid::regclass::text as partition,
          'events_' || to_char(occurred_at at time zone 'UTC', 'YYYY_MM') as month from events order by id`),
      );
      expect(partitions.map((p) => p.partition)).toEqual(partitions.map((p) => p.month));
      const ids = rowsOf<{ id: string }>(await after.db.execute(sql`select id from event_ids order by id`));
      expect(ids.map((r) => r.id)).toEqual(["e1", "e2", "e3"]);
      const [seen] = rowsOf<{ widened: boolean }>(
        await after.db.execute(sql`select first_seen = (select min(occurred_at) from events)
          and last_seen = (select max(occurred_at) from events) as widened from issues`),
      );
      expect(seen?.widened).toBe(true);
      // The same id at another time is refused by the store statement's claim.
      expect(
        await insertEvent(after.db, {
          id: "e2",
          issueId: "7",
          projectId: "1",
          occurredAt: new Date(),
          tags: {},
          frames: [],
        }),
      ).toBe(false);
    } finally {
      await after.close();
    }
  });
});

// Issues stored before migration 0022 must still be found by the list's release and environment filters.
describe("migration 0022 (issue releases and environments) on a database that already has events", () => {
  it("backfills each pair with the hour of its newest event", async () => {
    const dataDir = path.join(work, "pglite-0022");
    const before = await connect({
      dataDir,
      migrationsFolder: migrationsUpTo("0021_partition_events_by_month"),
    });
    await before.db.execute(sql`insert into projects (id) values ('1')`);
    await before.db.execute(sql`
      insert into issues (id, project_id, title, first_seen, last_seen)
      values ('7', '1', 'Old issue', '2026-11-01T08:00:00Z', '2026-11-02T09:30:00Z')`);
    await before.db.execute(sql`insert into event_ids (id, occurred_at)
      values ('e1', '2026-11-01T08:10:00Z'), ('e2', '2026-11-02T09:30:00Z'), ('e3', '2026-11-01T08:20:00Z')`);
    await before.db.execute(sql`
      insert into events (id, issue_id, project_id, occurred_at, release, environment, tags, frames)
      values ('e1', '7', '1', '2026-11-01T08:10:00Z', 'api@1', 'production', '{}', '[]'),
             ('e2', '7', '1', '2026-11-02T09:30:00Z', 'api@1', 'staging', '{}', '[]'),
             ('e3', '7', '1', '2026-11-01T08:20:00Z', null, null, '{}', '[]')`);
    await before.close();

    const after = await connect({ dataDir });
    try {
      const pairs = rowsOf<{ kind: string; value: string; last_hour: string }>(
        await after.db.execute(sql`
          select 'release' as kind, release as value, to_char(last_hour at time zone 'UTC', 'YYYY-MM-DD HH24') as last_hour
          from issue_releases
          union all
          select 'environment', environment, to_char(last_hour at time zone 'UTC', 'YYYY-MM-DD HH24')
          from issue_environments order by 1, 2`),
      );
      expect(pairs).toEqual([
        { kind: "environment", value: "production", last_hour: "2026-11-01 08" },
        { kind: "environment", value: "staging", last_hour: "2026-11-02 09" },
        { kind: "release", value: "api@1", last_hour: "2026-11-02 09" },
      ]);
    } finally {
      await after.close();
    }
  });
});

// Words indexed before migration 0025 are as written; the worker re-indexes every indexed issue so
// its words become stems, trickled so other jobs are not stuck behind them, most recently seen
// first; an issue already queued is not queued twice.
describe("migration 0025 (stemmed words) on a database with indexed issues", () => {
  it("queues one index_similar job per indexed issue, spread over time, most recently seen first", async () => {
    const dataDir = path.join(work, "pglite-0025");
    const before = await connect({
      dataDir,
      migrationsFolder: migrationsUpTo("0024_issue_search_grams"),
    });
    await before.db.execute(sql`insert into projects (id) values ('1')`);
    await before.db.execute(sql`
      insert into issues (id, project_id, title, first_seen, last_seen)
      values ('7', '1', 'Connections failing', '2026-11-02T08:00:00Z', '2026-11-02T09:00:00Z'),
             ('8', '1', 'Connection failed', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z'),
             ('6', '1', 'Queued already', '2026-11-04T08:00:00Z', '2026-11-04T09:00:00Z'),
             ('9', '1', 'Never indexed', '2026-11-03T08:00:00Z', '2026-11-03T09:00:00Z')`);
    await before.db.execute(sql`insert into similarity_documents (issue_id, frames, project_id)
      values ('7', '{}', '1'), ('8', '{}', '1'), ('6', '{}', '1')`);
    await before.db.execute(sql`insert into jobs (kind, subject_id) values ('index_similar', '6')`);
    await before.close();

    const after = await connect({ dataDir });
    try {
      const queued = rowsOf<{ subject_id: string; after_first: number }>(
        await after.db.execute(sql`select subject_id,
            extract(epoch from run_after - min(run_after) filter (where subject_id <> '6') over ())::float8 as after_first
          from jobs where kind = 'index_similar' and status = 'queued' order by run_after, id`),
      );
      expect(queued.map((j) => j.subject_id)).toEqual(["6", "7", "8"]);
      expect(queued.slice(1).map((j) => j.after_first)).toEqual([0, 0.2]);
    } finally {
      await after.close();
    }
  });
});
