import { sql } from "drizzle-orm";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { connect } from "@/lib/db/connect";
import { getIssueDetail } from "@/lib/db/queries/issue-detail";
import { countIssues } from "@/lib/db/queries/issues";
import { listIssues } from "@/lib/db/queries/list-issues";
import { rebuildIssueRollups } from "@/lib/db/queries/rollups";
import { runAnalyseIssueJob } from "@/lib/enrichment/analyse-issue-job";
import { machineLine, writeBenchmarkSection } from "./support/benchmark-doc";

const HOT_EVENTS = Number(process.env.BENCH_HOT_EVENTS ?? 300_000);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 2_000);
const EVENTS_PER_ISSUE = Number(process.env.BENCH_EVENTS_PER_ISSUE ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const HOT_USERS = 20_000;
const HOT_TENANTS = 400;

const databaseUrl = process.env.BENCH_DATABASE_URL;
const connection = await connect({ databaseUrl, dataDir: "memory://" });
const { db } = connection;
const driver = databaseUrl ? "PostgreSQL (node-postgres)" : "PGlite (embedded)";

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

try {
  if ((await countIssues(db)) > 0)
    throw new Error("BENCH_DATABASE_URL has issues in it: use an empty database.");
  const t0 = performance.now();
  const frames = JSON.stringify([
    { filename: "app/checkout/pay.ts", function: "pay", module: null, lineNo: 42, inApp: true },
  ]);
  await db.execute(
    sql`insert into projects (id, slug, name, platform) values ('1', 'web', 'Web', 'javascript')`,
  );
  // Issue 1 is the hot one and the most recent; the rest are spread over the last day.
  await db.execute(sql`
    insert into issues (id, project_id, title, status, first_seen, last_seen)
    select g::text, '1', 'TypeError: cannot read properties of undefined (' || g || ')', 'unresolved',
           now() - interval '1 day', now() - make_interval(secs => g)
    from generate_series(1, ${ISSUES + 1}) g`);
  await db.execute(sql`
    insert into events (id, issue_id, project_id, occurred_at, user_id, tenant_id, roles, tags, frames)
    select md5('hot' || g), '1', '1', now() - make_interval(secs => g / 1000.0),
           'user-' || (g % ${HOT_USERS}), 'tenant-' || (g % ${HOT_TENANTS}),
           case when g % 10 = 0 then array['admin'] else array['member'] end,
           '{}'::jsonb, ${frames}::jsonb
    from generate_series(1, ${HOT_EVENTS}) g`);
  await db.execute(sql`
    insert into events (id, issue_id, project_id, occurred_at, user_id, tenant_id, roles, tags, frames)
    select md5('cold' || g), (2 + g % ${ISSUES})::text, '1', now() - make_interval(secs => g),
           'user-' || (g % 500), 'tenant-' || (g % 40), array['member'], '{}'::jsonb, ${frames}::jsonb
    from generate_series(1, ${ISSUES * EVENTS_PER_ISSUE}) g`);
  await rebuildIssueRollups(db);
  await db.execute(sql`analyze`);
  const seeded = performance.now() - t0;
  console.log(
    `seeded ${ISSUES + 1} issues, ${HOT_EVENTS + ISSUES * EVENTS_PER_ISSUE} events in ${ms(seeded)}`,
  );

  const settings = {
    rules: parseOwnershipRules("path:app/checkout/** #payments"),
    fallbackOwner: "#triage",
    fetchLatestEvent: null,
  };
  const analyse = await time(Math.max(3, Math.floor(RUNS / 4)), () => runAnalyseIssueJob(db, "1", settings));
  const list = await time(RUNS, () => listIssues(db, { limit: 50 }));
  // A deep page's cursor (page 21, or the last full page of a smaller seed), found by paging there
  // once: deep pages must cost what the first does.
  const deepPage = Math.max(1, Math.min(20, Math.floor(ISSUES / 50) - 1));
  let cursor: string | undefined;
  for (let page = 0; page < deepPage; page++) {
    const result = await listIssues(db, { limit: 50, cursor });
    if ("badCursor" in result || !result.nextCursor) throw new Error("could not page through the seed");
    cursor = result.nextCursor;
  }
  const deep = await time(RUNS, () => listIssues(db, { limit: 50, cursor }));
  const detail = await time(RUNS, () => getIssueDetail(db, "1"));
  const hot = await getIssueDetail(db, "1");
  const radius = hot?.analysis?.blastRadius;
  console.log(
    `hot issue blast radius: ${radius?.users} users, ${radius?.tenants} tenants, ${radius?.events} events`,
  );

  const rows = [
    ["issue list, first page of 50", list],
    [`issue list, page ${deepPage + 1} of 50 (keyset cursor)`, deep],
    ["hot issue detail", detail],
    ["analysis of the hot issue", analyse],
  ] as const;
  const section = [
    `## One issue as a cascade (${new Date().toISOString().slice(0, 10)}, ${driver})`,
    "",
    `Method: \`npm run bench:scale\` — ${ISSUES} issues of ${EVENTS_PER_ISSUE} events plus one hot issue of`,
    `${HOT_EVENTS} events (${HOT_USERS} users, ${HOT_TENANTS} tenants), seeded by SQL; then, in-process against the`,
    "query code the server uses, the issue list's first page and the hot issue's detail",
    `(${RUNS} runs each) and the analysis job for the hot issue (run first, so the list shows its result).`,
    machineLine(),
    "",
    "| measure | p50 | p95 | max |",
    "|---|---|---|---|",
    ...rows.map(
      ([name, v]) =>
        `| ${name} | ${ms(quantile(v, 0.5))} | ${ms(quantile(v, 0.95))} | ${ms(Math.max(...v))} |`,
    ),
    "",
    `Hot issue as analysed: ${radius?.users} users, ${radius?.tenants} tenants, ${radius?.events} events counted.`,
    "",
  ].join("\n");
  writeBenchmarkSection(
    section,
    (part) => part.startsWith("## One issue as a cascade") && part.includes(driver),
  );
} finally {
  await connection.close();
}
