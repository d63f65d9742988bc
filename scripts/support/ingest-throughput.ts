import { loadavg } from "node:os";
import pg from "pg";
import { startNextServer } from "@/test/next-server";
import { createBenchDatabase } from "./bench-database";
import { machineLine, writeBenchmarkSection } from "./benchmark-doc";
import { type LoadResult, runLoad } from "./load";
import { cpuSpent, cpuTimes } from "./process-cpu";
import { type Shape, signedDeliveries } from "./signed-deliveries";
import { EVENTS_PER_ISSUE, measureWorkerDrain } from "./worker-drain";
import { startWorkerProcesses } from "./worker-processes";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "8,32").split(",").map(Number);
const SHAPES = (process.env.BENCH_SHAPES ?? "spread,cascade").split(",") as Shape[];
const WORKER_MODES = (process.env.BENCH_WORKER ?? "on,off").split(",");
const DRAIN_JOBS = Number(process.env.BENCH_DRAIN_JOBS ?? 10_000);
const DRAIN_WORKERS = (process.env.BENCH_DRAIN_WORKERS ?? "1,2").split(",").filter(Boolean).map(Number);
const port = Number(process.env.BENCH_APP_PORT ?? 3400);
const secret = "bench-secret";
// Spread deliveries fall on this many issues; users and tenants are drawn from pools this size.
const ISSUES = 5_000;
const USERS = 2_000;
const TENANTS = 40;
const WARM_UP_SECONDS = 2;

/** A load run with the CPU the server spent on it per 2xx answer: the web process and PostgreSQL. */
type Measured = LoadResult & { webMs: number; databaseMs: number };

type Row = {
  worker: string;
  connections: number;
  shape: Shape;
  webhook: Measured[];
  empty: Measured[];
  ratios: number[];
  /** Seconds after each webhook run until the jobs it queued were done (worker on). */
  backlog: number[];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const fixed = (v: number, digits = 0) => v.toFixed(digits);

/** What the server answered, checked against the database at the end: every 202 stored once. */
class Acknowledgements {
  readonly eventIds = new Set<string>();
  ackedTwice = 0;
  duplicates = 0;
  unexpected = new Map<number, number>();

  record = (status: number, body: string) => {
    if (status === 202) {
      const { eventId } = JSON.parse(body) as { eventId?: string };
      if (!eventId || this.eventIds.has(eventId)) this.ackedTwice++;
      else this.eventIds.add(eventId);
    } else if (status === 200) {
      this.duplicates++;
    } else {
      this.unexpected.set(status, (this.unexpected.get(status) ?? 0) + 1);
    }
  };
}

async function openJobs(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ open: string }>(
    "select count(*) as open from jobs where (status = 'queued' and run_after <= now()) or status = 'running'",
  );
  return Number(rows[0]?.open);
}

/**
 * Waits (up to `limitMs`) until no job is due or running, so one run's analyses don't load the
 * next; returns the seconds it waited.
 */
async function settle(client: pg.Client, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs && (await openJobs(client)) > 0) await sleep(100);
  return (Date.now() - started) / 1000;
}

async function backendPids(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
  );
  return rows.map((row) => row.pid);
}

// CPU time is far steadier than throughput on a shared machine: other users' load takes the
// cores away, but hardly changes what one request costs.
async function measured(
  serverPid: number,
  client: pg.Client,
  run: () => Promise<LoadResult>,
): Promise<Measured> {
  const backendsBefore = await backendPids(client);
  const web = cpuTimes([serverPid]);
  const database = cpuTimes(backendsBefore);
  const result = await run();
  const backends = [...new Set([...backendsBefore, ...(await backendPids(client))])];
  return {
    ...result,
    webMs: cpuSpent(web, cpuTimes([serverPid])) / result.ok,
    databaseMs: cpuSpent(database, cpuTimes(backends)) / result.ok,
  };
}

/** Every 202's event is stored exactly once, with exactly one delivery; rollups match the events. */
async function verify(client: pg.Client, acks: Acknowledgements): Promise<string[]> {
  const problems: string[] = [];
  const ids = [...acks.eventIds];
  const { rows } = await client.query<{ bad: string }>(
    `select count(*) as bad from unnest($1::text[]) as a(id)
     where (select count(*) from events e where e.id = a.id) <> 1
        or (select count(*) from deliveries d where d.dedupe_key = 'error:created:' || a.id) <> 1`,
    [ids],
  );
  if (Number(rows[0]?.bad) > 0)
    problems.push(`${rows[0]?.bad} acknowledged deliveries not stored exactly once`);
  if (acks.ackedTwice > 0)
    problems.push(`${acks.ackedTwice} answers acknowledged an event twice or named none`);
  if (acks.duplicates > 0) problems.push(`${acks.duplicates} unique deliveries were answered as duplicates`);
  for (const [status, count] of acks.unexpected) problems.push(`${count} answers with status ${status}`);
  const rollups = await client.query<{ bad: string }>(`
    select count(*) as bad from issues i
    where event_count <> (select count(*) from events e where e.issue_id = i.id)
       or user_count <> (select count(distinct user_id) from events e where e.issue_id = i.id)
       or tenant_count <> (select count(distinct tenant_id) from events e where e.issue_id = i.id)
       or event_count <> (select coalesce(sum(events), 0) from issue_identities d where d.issue_id = i.id)`);
  if (Number(rollups.rows[0]?.bad) > 0) problems.push(`${rollups.rows[0]?.bad} issues with wrong rollups`);
  return problems;
}

async function doneJobs(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ done: string }>(
    "select count(*) as done from jobs where status = 'done'",
  );
  return Number(rows[0]?.done);
}

/**
 * Waits until no job is due or running, for as long as jobs keep finishing: the final drain before
 * the check, whose size grows with the runs (40,000 deliveries at 8 and 32 connections took one
 * worker process more than 5 minutes), so a fixed limit would report queued jobs as lost. Progress
 * is jobs finishing, not the queue shrinking: each stored event queues its issue's analysis, and
 * each analysis two more jobs. Returns the jobs still open after a minute in which none finished.
 */
async function drain(client: pg.Client): Promise<number> {
  let done = await doneJobs(client);
  let lastProgress = Date.now();
  for (;;) {
    const open = await openJobs(client);
    if (open === 0 || Date.now() - lastProgress > 60_000) return open;
    await sleep(1000);
    const now = await doneJobs(client);
    if (now > done) lastProgress = Date.now();
    done = now;
  }
}

/** Runs every connection count and shape against one server, the empty route alternating with the webhook. */
async function measureServer(worker: boolean, rows: Row[], checks: string[]): Promise<void> {
  const database = await createBenchDatabase();
  const server = await startNextServer(port, {
    DATABASE_URL: database.url,
    SENTRY_CLIENT_SECRET: secret,
    SIFT_WORKER: worker ? "1" : "0",
    SIFT_OWNERSHIP_RULES: "path:/runner #frontend",
  });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const acks = new Acknowledgements();
  const label = worker ? "on" : "off";
  let issueBase = 1_000_000;
  try {
    for (const connections of CONNECTIONS) {
      const empty = (seconds: number) =>
        measured(server.pid, client, () =>
          runLoad({
            url: `${server.url}/api/health/live`,
            connections,
            seconds,
            next: () => ({ method: "GET" }),
          }),
        );
      const lanes = SHAPES.map((shape) => {
        const next = signedDeliveries({
          shape,
          secret,
          issueBase,
          issues: ISSUES,
          users: USERS,
          tenants: TENANTS,
        });
        issueBase += ISSUES;
        const webhook = (seconds: number) =>
          measured(server.pid, client, () =>
            runLoad({
              url: `${server.url}/api/webhooks/sentry`,
              connections,
              seconds,
              next: () => ({ method: "POST", ...next() }),
              onResponse: acks.record,
            }),
          );
        const row: Row = {
          worker: label,
          connections,
          shape,
          webhook: [],
          empty: [],
          ratios: [],
          backlog: [],
        };
        return { shape, webhook, row };
      });
      await empty(WARM_UP_SECONDS);
      for (const lane of lanes) await lane.webhook(WARM_UP_SECONDS);
      // E W E W … E, the shapes taking turns round by round: a drift of the machine or the server
      // over the run (seen as 30–40 % more CPU per request late in a run) then falls on every shape
      // alike, not on whichever was measured last. Each webhook run is set against the empty runs
      // on either side of it.
      if (worker) await settle(client, 60_000);
      let before = await empty(SECONDS);
      for (let round = 0; round < ROUNDS; round++) {
        for (const { shape, webhook, row } of lanes) {
          if (worker) await settle(client, 60_000);
          const hook = await webhook(SECONDS);
          row.backlog.push(worker ? await settle(client, 120_000) : 0);
          const after = await empty(SECONDS);
          if (row.empty.length === 0) row.empty.push(before);
          row.webhook.push(hook);
          row.empty.push(after);
          row.ratios.push(hook.okPerSecond / ((before.okPerSecond + after.okPerSecond) / 2));
          before = after;
          console.log(
            `worker ${label}, ${connections} connections, ${shape}, round ${round + 1}: ` +
              `webhook ${fixed(hook.okPerSecond)}/s p50 ${hook.p50} ms p99 ${hook.p99} ms ` +
              `cpu ${fixed(hook.webMs, 2)}+${fixed(hook.databaseMs, 2)} ms, ` +
              `empty ${fixed(after.okPerSecond)}/s p99 ${after.p99} ms cpu ${fixed(after.webMs, 2)} ms, ` +
              `ratio ${fixed(row.ratios.at(-1) ?? 0, 2)}, backlog ${fixed(row.backlog.at(-1) ?? 0, 1)} s, ` +
              `load ${loadavg()[0]?.toFixed(1)}`,
          );
        }
      }
      for (const lane of lanes) rows.push(lane.row);
    }
    // The analyses (and anything else queued) finish before the counts are compared with the events.
    let stuck = 0;
    if (!worker) {
      const drainer = await startWorkerProcesses(1, {
        DATABASE_URL: database.url,
        SIFT_SENTRY_POLL_SECONDS: "0",
      });
      stuck = await drain(client);
      await drainer.stop();
    } else {
      stuck = await drain(client);
    }
    const problems = await verify(client, acks);
    if (stuck > 0)
      problems.unshift(`${stuck} jobs still queued or running after a minute in which no job finished`);
    checks.push(
      `worker ${label}: ${acks.eventIds.size} deliveries acknowledged with 202, ` +
        (problems.length ? `PROBLEMS: ${problems.join("; ")}` : "each stored exactly once, rollups exact"),
    );
  } finally {
    await client.end();
    await server.stop();
    await database.drop();
  }
}

const range = (values: number[], digits = 2) =>
  values.length > 1
    ? `${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)}`
    : fixed(values[0] ?? Number.NaN, digits);

export async function benchIngestThroughput(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  const rows: Row[] = [];
  const checks: string[] = [];
  for (const mode of WORKER_MODES) await measureServer(mode === "on", rows, checks);
  const drains = [];
  for (const workers of DRAIN_WORKERS) drains.push(await measureWorkerDrain(workers, DRAIN_JOBS));
  const loadAfter = loadavg()[0] ?? 0;

  const table = rows.map((row) => {
    const p99s = row.webhook.map((r) => r.p99);
    const hookWeb = median(row.webhook.map((r) => r.webMs));
    const emptyWeb = median(row.empty.map((r) => r.webMs));
    return (
      `| ${row.worker} | ${row.connections} | ${row.shape} | ${fixed(median(row.webhook.map((r) => r.okPerSecond)))} | ` +
      `${median(row.webhook.map((r) => r.p50))} ms | ${median(p99s)} ms (${range(p99s, 0)}) | ` +
      `${fixed(median(row.empty.map((r) => r.okPerSecond)))} | ${fixed(median(row.ratios), 2)} (${range(row.ratios)}) | ` +
      `${fixed(hookWeb, 2)} + ${fixed(median(row.webhook.map((r) => r.databaseMs)), 2)} | ` +
      `${fixed(emptyWeb, 2)} | ${fixed(emptyWeb / hookWeb, 2)} | ${row.worker === "on" ? `${fixed(median(row.backlog), 1)} s` : "—"} |`
    );
  });
  const drainTable = drains.map(
    (d) =>
      `| ${d.workers} | ${d.jobs} | ${fixed(d.seconds, 1)} s | ${fixed(d.jobs / d.seconds)} | ${d.failed} |`,
  );
  const section = [
    `## Webhook throughput (${new Date().toISOString().slice(0, 10)}, PostgreSQL (node-postgres))`,
    "",
    "Method: `npm run bench:ingest -- throughput` — production build (`next start`, one process, default pool",
    `of 10) on a fresh PostgreSQL database per worker setting; autocannon on the same machine keeps N`,
    `connections busy for ${SECONDS} s per run, each request a unique, correctly signed \`error.created\``,
    `(Sentry's fixture with a fresh event id). Shapes: *spread* over ${ISSUES} issues; *cascade* with 90 % of`,
    `deliveries on three issues. ${USERS} users, ${TENANTS} tenants. Runs alternate empty route, webhook, empty route, …,`,
    `the shapes taking turns round by round (${ROUNDS} webhook runs per row, after a ${WARM_UP_SECONDS} s warm-up of each), so a`,
    "drift of the machine over the run falls on every shape alike; each webhook run's ratio is",
    "against the mean of the `GET /api/health/live` runs on either side of it (the empty route of the same",
    "build), and the table gives medians with the range over rounds. Between runs the script waits until no",
    "job is due, so one run's analyses do not land in the next; *backlog done after* is how long that took",
    "(the in-process worker yields to requests being served, so analyses queued in a burst follow it).",
    "*worker*: the in-process worker on (`SIFT_WORKER=1`) or off. *CPU ms* is the CPU time per 2xx answer",
    "of the web process and of PostgreSQL's backends, read from /proc around each run; it depends less on",
    "what else the machine runs than throughput does. The web process's one thread saturates first",
    "(PostgreSQL and the load generator share the other core), so *CPU ratio*, the empty route's web CPU",
    "per request over the webhook's, is a second estimate of the throughput ratio.",
    machineLine(),
    `Load average (1 min) at start ${fixed(loadBefore, 1)}, at end ${fixed(loadAfter, 1)}: the machine is shared,`,
    "so compare ratios from the same run, not absolute numbers across runs.",
    "",
    "| worker | connections | shape | deliveries/s | p50 | p99 (range) | empty route req/s | ratio (range) | webhook CPU ms: web + db | empty route CPU ms | CPU ratio | backlog done after |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...table,
    "",
    ...checks.map((check) => `Check — ${check}.`),
    "",
    `Backlog drain: ${DRAIN_JOBS} \`analyse_issue\` jobs (issues of ${EVENTS_PER_ISSUE} events each) queued at once for N`,
    "`npm run worker` processes already running, timed until none is queued or running.",
    "",
    "| worker processes | jobs | time | jobs/s | failed |",
    "|---|---|---|---|---|",
    ...drainTable,
    "",
  ].join("\n");
  writeBenchmarkSection(section, (part) => part.startsWith("## Webhook throughput"));
}
