// `npx tsx scripts/bench-partitions.ts <before-url> <after-url> [rounds]`: the hot events lookups
// timed on two PostgreSQL copies of one database, interleaved in the same run: `before` with the
// events table as it was (one table, unbounded lookups), `after` migrated to monthly partitions
// (migration 0019) with the lookups as Sift now sends them (bounded by the issue's seen range).
// Also runs the old, unbounded lookups on `after`, to show what the bounds buy. Prints the median and
// p90 per lookup, the ratio after/before, and how many partitions the bounded lookup touched
// (EXPLAIN ANALYZE: scan nodes that ran). Writes nothing (the store is rolled back).
import pg from "pg";

const [beforeUrl, afterUrl, roundsArg] = process.argv.slice(2);
if (!beforeUrl || !afterUrl) {
  console.error("usage: bench-partitions.ts <before-url> <after-url> [rounds]");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 5);
const SAMPLE = 100;

type Lookup = { name: string; old: string; bounded: string; perIssue: boolean };

const firstRelease = (bounded: boolean) =>
  `(select e.release from events e where e.issue_id = i.id ${bounded ? "and e.occurred_at between i.first_seen and i.last_seen" : ""}
    order by e.occurred_at, e.id limit 1)`;

// $1: an issue id; $2, $3: its first and last seen (the caller holds the issue row); a lookup that
// does not use them still names them, so every lookup takes the same parameters.
const unused = "$2::timestamptz is not null and $3::timestamptz is not null";
const lookups: Lookup[] = [
  {
    name: "first release, one issue",
    old: `select ${firstRelease(false)} from issues i where i.id = $1 and ${unused}`,
    bounded: `select ${firstRelease(true)} from issues i where i.id = $1 and ${unused}`,
    perIssue: true,
  },
  {
    name: "first release, list page of 50",
    old: `select i.id, ${firstRelease(false)} from issues i where $1::text is not null and ${unused}
      order by i.last_seen desc, i.id::numeric desc limit 50`,
    bounded: `select i.id, ${firstRelease(true)} from issues i where $1::text is not null and ${unused}
      order by i.last_seen desc, i.id::numeric desc limit 50`,
    perIssue: false,
  },
  {
    name: "recent events (detail, 25)",
    old: `select * from events where issue_id = $1 and ${unused} order by occurred_at desc, id desc limit 25`,
    bounded:
      "select * from events where issue_id = $1 and occurred_at between $2 and $3 order by occurred_at desc, id desc limit 25",
    perIssue: true,
  },
  {
    name: "recent events (analysis, 50, seen range read)",
    old: `select * from events where issue_id = $1 and ${unused} order by occurred_at desc, id desc limit 50`,
    bounded: `select * from events where issue_id = $1 and ${unused}
      and occurred_at between (select first_seen from issues where id = $1) and (select last_seen from issues where id = $1)
      order by occurred_at desc, id desc limit 50`,
    perIssue: true,
  },
  {
    name: "latest event (owner examples)",
    old: `select e.frames from issues i left join lateral (select frames from events e where e.issue_id = i.id
      order by e.occurred_at desc, e.id desc limit 1) e on true where i.id = $1 and ${unused}`,
    bounded: `select e.frames from issues i left join lateral (select frames from events e where e.issue_id = i.id
      and e.occurred_at between i.first_seen and i.last_seen order by e.occurred_at desc, e.id desc limit 1) e on true
      where i.id = $1 and ${unused}`,
    perIssue: true,
  },
];

// The store's write: a new event claims its id, then is inserted (after), or is inserted with the
// id as key (before); rolled back.
const storeOld = `insert into events (id, issue_id, project_id, occurred_at, tags, frames)
  values ($2, $1, '1', now(), '{}', '[]') on conflict (id) do nothing returning id`;
const storeNew = `with claimed as (insert into event_ids (id, occurred_at) values ($2, now()) on conflict (id) do nothing returning id)
  insert into events (id, issue_id, project_id, occurred_at, tags, frames)
  select id, $1, '1', now(), '{}', '[]' from claimed returning id`;

type Sample = { id: string; firstSeen: Date; lastSeen: Date };

async function timeQuery(client: pg.Client, text: string, values: unknown[]): Promise<number> {
  const start = performance.now();
  await client.query(text, values);
  return performance.now() - start;
}

async function timeStore(client: pg.Client, text: string, issue: Sample, n: number): Promise<number> {
  await client.query("begin");
  const start = performance.now();
  await client.query(text, [issue.id, `bench-${n}-${Math.random()}`]);
  const ms = performance.now() - start;
  await client.query("rollback");
  return ms;
}

/** Scan nodes that ran in the plan (partitions touched), from EXPLAIN (ANALYZE, FORMAT JSON). */
async function partitionsTouched(client: pg.Client, text: string, values: unknown[]): Promise<number> {
  const { rows } = await client.query(`explain (analyze, format json) ${text}`, values);
  const touched = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    const relation = node["Relation Name"] as string | undefined;
    if (relation?.startsWith("events") && Number(node["Actual Loops"]) > 0) touched.add(relation);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  const [plan] = rows[0]["QUERY PLAN"] as { Plan: Record<string, unknown> }[];
  if (plan) walk(plan.Plan);
  return touched.size;
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

const before = new pg.Client({ connectionString: beforeUrl });
const after = new pg.Client({ connectionString: afterUrl });
await before.connect();
await after.connect();
const { rows: sample } = await after.query<{ id: string; first_seen: Date; last_seen: Date }>(
  `select id, first_seen, last_seen from issues order by md5(id) limit ${SAMPLE}`,
);
const issues: Sample[] = sample.map((r) => ({ id: r.id, firstSeen: r.first_seen, lastSeen: r.last_seen }));
const [{ partitions }] = (
  await after.query(
    "select count(*)::int as partitions from pg_inherits where inhparent = 'events'::regclass",
  )
).rows;
const [{ events }] = (await after.query("select count(*)::int as events from events")).rows;
console.log(
  `${events} events, ${partitions} partitions (default included), ${SAMPLE} issues × ${rounds} rounds`,
);

const results = new Map<string, { before: number[]; after: number[]; afterOld: number[] }>();
const record = (name: string, key: "before" | "after" | "afterOld", ms: number) => {
  const entry = results.get(name) ?? { before: [], after: [], afterOld: [] };
  entry[key].push(ms);
  results.set(name, entry);
};

let n = 0;
for (let round = 0; round < rounds; round++) {
  for (const issue of issues) {
    for (const lookup of lookups) {
      if (!lookup.perIssue && issue !== issues[0]) continue;
      const values = [issue.id, issue.firstSeen, issue.lastSeen];
      record(lookup.name, "before", await timeQuery(before, lookup.old, values));
      record(lookup.name, "after", await timeQuery(after, lookup.bounded, values));
      record(lookup.name, "afterOld", await timeQuery(after, lookup.old, values));
    }
    n += 1;
    record("store a new event (rolled back)", "before", await timeStore(before, storeOld, issue, n));
    record("store a new event (rolled back)", "after", await timeStore(after, storeNew, issue, n));
  }
}

const touched = new Map<string, number[]>();
for (const issue of issues.slice(0, 20)) {
  for (const lookup of lookups) {
    const list = touched.get(lookup.name) ?? [];
    list.push(await partitionsTouched(after, lookup.bounded, [issue.id, issue.firstSeen, issue.lastSeen]));
    touched.set(lookup.name, list);
  }
}

const f = (ms: number) => ms.toFixed(2);
console.log(
  "| lookup | before median (p90) ms | after median (p90) ms | after/before | after, unbounded / before | partitions touched (median, max) |",
);
console.log("|---|---|---|---|---|---|");
for (const [name, r] of results) {
  const t = touched.get(name);
  const unbounded =
    r.afterOld.length > 0 ? (quantile(r.afterOld, 0.5) / quantile(r.before, 0.5)).toFixed(2) : "—";
  console.log(
    `| ${name} | ${f(quantile(r.before, 0.5))} (${f(quantile(r.before, 0.9))}) | ${f(quantile(r.after, 0.5))} (${f(quantile(r.after, 0.9))}) | ${(quantile(r.after, 0.5) / quantile(r.before, 0.5)).toFixed(2)} | ${unbounded} | ${t ? `${quantile(t, 0.5)}, ${Math.max(...t)}` : "—"} |`,
  );
}
await before.end();
await after.end();
