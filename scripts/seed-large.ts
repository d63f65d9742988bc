// `npm run seed:large [-- --issues N --events N --tenants N --users N --days N --seed N --analyse N|all --force]`:
// a large, realistic organisation written through the data layer (lib/db/queries) into DATABASE_URL,
// or the PGlite folder SIFT_DATA_DIR (default .data/pglite) — by default 1,000,000 events over
// 100,000 issues and 500 tenants — then the most recently seen issues (--analyse, default 5,000;
// `all` for every one) analysed by the real job kinds (analysis, incident grouping, similar-issue
// index), with a progress bar for each step. The analyses run at tens of issues a second per core,
// which is why all 100,000 are not the default.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { connect } from "@/lib/db/connect";
import { insertEventsBulk, insertIssuesBulk, insertProjectsBulk } from "@/lib/db/queries/bulk-load";
import type { NewEvent } from "@/lib/db/queries/events";
import { getPipelineHealth } from "@/lib/db/queries/health";
import { countIssues } from "@/lib/db/queries/issues";
import { queueAnalysisOfUnanalysedIssues } from "@/lib/db/queries/jobs";
import { rebuildIssueRollups } from "@/lib/db/queries/rollups";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { buildJobKinds } from "@/lib/worker/job-kinds";
import { eventsOf, planIssues, type SeedSize, seedProjects, tenantWeightsFor } from "./support/large-seed";
import { progress } from "./support/progress";

const { values: args } = parseArgs({
  options: {
    issues: { type: "string", default: "100000" },
    events: { type: "string", default: "1000000" },
    tenants: { type: "string", default: "500" },
    users: { type: "string", default: "50000" },
    days: { type: "string", default: "30" },
    seed: { type: "string", default: "1" },
    analyse: { type: "string", default: "5000" },
    force: { type: "boolean", default: false },
  },
});
const size: SeedSize = {
  issues: Number(args.issues),
  events: Number(args.events),
  tenants: Number(args.tenants),
  users: Number(args.users),
  days: Number(args.days),
};
const seed = Number(args.seed);
for (const [name, value] of Object.entries(size)) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number ≥ 1 (got ${value}).`);
    process.exit(2);
  }
}
const analyseCount = args.analyse === "all" ? size.issues : Number(args.analyse);
if (!Number.isInteger(analyseCount) || analyseCount < 0) {
  console.error(`--analyse must be a whole number ≥ 0 or "all" (got ${args.analyse}).`);
  process.exit(2);
}
if (size.events < size.issues) {
  console.error(
    `--events (${size.events}) must be at least --issues (${size.issues}): every issue has an event.`,
  );
  process.exit(2);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.SIFT_DATA_DIR || ".data/pglite";
const connection = await connect({ databaseUrl, dataDir });
const { db } = connection;
console.error(
  `seed:large → ${databaseUrl ? databaseUrl.replace(/\/\/[^@]*@/, "//…@") : `PGlite at ${dataDir}`}`,
);

// The seed's code paths and teams, so the owner verdicts have rules to find.
const rules = parseOwnershipRules(
  [
    "path:src/payments/** #payments",
    "path:src/checkout/** #web-checkout",
    "path:src/orders/** #orders",
    "path:src/search/** #search",
    "path:src/auth/** #identity",
    "path:src/billing/** #billing",
    "path:src/reports/** #data",
    "path:src/notifications/** #messaging",
  ].join("\n"),
);

try {
  const existing = await countIssues(db);
  if (existing > 0 && !args.force) {
    console.error(
      `The database already holds ${existing.toLocaleString("en")} issues; pass --force to add the seed to them.`,
    );
    process.exitCode = 1;
  } else {
    const started = performance.now();
    await insertProjectsBulk(
      db,
      seedProjects.map(({ side: _side, ...project }) => project),
    );

    const plans = planIssues(size, new Date(), seed);
    const issueBar = progress("issues", plans.length);
    const ISSUE_BATCH = 4_000;
    for (let start = 0; start < plans.length; start += ISSUE_BATCH) {
      const batch = plans
        .slice(start, start + ISSUE_BATCH)
        .map(
          ({ template: _t, project: _p, variant: _v, events: _e, tenantSpread: _s, cascade: _c, ...issue }) =>
            issue,
        );
      await insertIssuesBulk(db, batch);
      issueBar.tick(Math.min(plans.length, start + ISSUE_BATCH));
    }
    issueBar.end();

    const tenantWeights = tenantWeightsFor(size);
    const eventBar = progress("events", size.events);
    const EVENT_BATCH = 10_000;
    let buffer: NewEvent[] = [];
    let written = 0;
    for (const plan of plans) {
      for (const event of eventsOf(plan, size, tenantWeights, seed)) {
        buffer.push(event);
        if (buffer.length >= EVENT_BATCH) {
          await insertEventsBulk(db, buffer);
          written += buffer.length;
          buffer = [];
          eventBar.tick(written);
        }
      }
    }
    await insertEventsBulk(db, buffer);
    written += buffer.length;
    eventBar.tick(written);
    eventBar.end();

    const rollupsStarted = performance.now();
    console.error("rollups: rebuilding counts, identities and hourly buckets from the events…");
    await rebuildIssueRollups(db);
    console.error(`rollups: done in ${((performance.now() - rollupsStarted) / 1000).toFixed(1)} s`);

    if (analyseCount > 0) await analyseNewest(analyseCount);
    // A bulk load leaves the planner without statistics until autovacuum gets round to the tables
    // (with a million rows written at once that took longer than the seed on a busy server), and it
    // then plans the list's filters for tables it believes empty. Nor are the pages marked all-visible
    // until a vacuum, so every index-only scan (the tenant page's counts, the timelines) still reads
    // the heap. A server in use, autovacuum on, has both: measure that.
    await db.execute(sql`vacuum (analyze)`);
    if (analyseCount < size.issues)
      console.error(
        `analysis: the ${(size.issues - Math.min(analyseCount, size.issues)).toLocaleString("en")} least recent issues are stored without one ("not yet analysed"); --analyse all analyses every issue.`,
      );
    console.log(
      `seed:large: ${plans.length.toLocaleString("en")} issues, ${written.toLocaleString("en")} events, ${size.tenants} tenants in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
} finally {
  await connection.close();
}

/**
 * Queues an analysis of the newest issues and drains the queue with the worker's own job kinds — the
 * analyses queue incident grouping and the similar-issue index in turn — two runners on a server,
 * one on PGlite (one connection).
 */
async function pendingJobs(): Promise<number> {
  const { jobs } = await getPipelineHealth(db);
  return jobs.queued + jobs.running;
}

async function analyseNewest(count: number) {
  const queued = await queueAnalysisOfUnanalysedIssues(db, count);
  const registry = buildJobKinds({
    rules,
    fallbackOwner: "#triage",
    identity: { tenantKeys: ["tenant"], rolesKeys: ["roles"] },
    sentryApi: null,
  });
  // Each analysis queues two more jobs; the bar counts all three.
  const total = queued * 3;
  const bar = progress("jobs", total);
  let done = 0;
  // Jobs scheduled for later (a kind this run does not register, a retry's backoff) would keep the
  // queue from emptying: ten idle seconds end the drain and say what is left.
  const runner = async () => {
    for (let idle = 0; idle < 40; ) {
      const claimed = await runDueJobs(db, registry, { batchSize: 20 });
      done += claimed;
      bar.tick(Math.min(done, total));
      if (claimed > 0) idle = 0;
      else if ((await pendingJobs()) === 0) return;
      else {
        idle++;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  await Promise.all(Array.from({ length: connection.driver === "pg" ? 2 : 1 }, runner));
  bar.end();
  const left = await pendingJobs();
  if (left > 0)
    console.error(`jobs: ${left} still pending (scheduled for later); the worker runs them when due.`);
}
