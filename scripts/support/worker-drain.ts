import pg from "pg";
import { connect } from "@/lib/db/connect";
import { rebuildIssueRollups } from "@/lib/db/queries/rollups";
import { createBenchDatabase } from "./bench-database";
import { startWorkerProcesses } from "./worker-processes";

export type DrainResult = { workers: number; jobs: number; seconds: number; failed: number };

export const EVENTS_PER_ISSUE = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `jobs` issues with a few events each, and no job yet. */
async function seed(url: string, jobs: number): Promise<void> {
  const connection = await connect({ databaseUrl: url, dataDir: "memory://" });
  try {
    await connection.db.transaction(async (tx) => {
      await tx.execute(
        "insert into projects (id, slug, name, platform) values ('1', 'web', 'Web', 'javascript')",
      );
      await tx.execute(`
        insert into issues (id, project_id, title, status, first_seen, last_seen)
        select g::text, '1', 'TypeError: x is undefined (' || g || ')', 'unresolved', now() - interval '1 hour', now()
        from generate_series(1, ${jobs}) g`);
      await tx.execute(`
        insert into events (id, issue_id, project_id, occurred_at, user_id, tenant_id, roles, tags, frames)
        select md5('drain' || g), (1 + g % ${jobs})::text, '1', now() - make_interval(secs => g % 600),
               'user-' || (g % 300), 'tenant-' || (g % 20), array['member'], '{"url": "https://app.example/checkout"}'::jsonb,
               '[{"filename": "app/checkout/pay.ts", "function": "pay", "lineNo": 42, "inApp": true}]'::jsonb
        from generate_series(1, ${jobs * EVENTS_PER_ISSUE}) g`);
    });
    await rebuildIssueRollups(connection.db);
  } finally {
    await connection.close();
  }
}

/**
 * How long `workers` processes of `npm run worker` take to finish a backlog of `jobs` analyses, on
 * a fresh database: the workers start first (their start-up is not timed), then the backlog is
 * queued in one statement and the clock runs until no analysis is queued or running.
 */
export async function measureWorkerDrain(workers: number, jobs: number): Promise<DrainResult> {
  const database = await createBenchDatabase();
  try {
    await seed(database.url, jobs);
    const processes = await startWorkerProcesses(workers, {
      DATABASE_URL: database.url,
      SIFT_SENTRY_POLL_SECONDS: "0",
      SIFT_OWNERSHIP_RULES: "path:app/checkout/** #payments",
    });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const t0 = performance.now();
      await client.query(
        "insert into jobs (kind, subject_id) select 'analyse_issue', g::text from generate_series(1, $1::int) g",
        [jobs],
      );
      for (;;) {
        const { rows } = await client.query<{ open: string }>(
          "select count(*) as open from jobs where kind = 'analyse_issue' and status in ('queued', 'running')",
        );
        if (Number(rows[0]?.open) === 0) break;
        if (performance.now() - t0 > 600_000) throw new Error("backlog not drained within 10 minutes");
        await sleep(50);
      }
      const seconds = (performance.now() - t0) / 1000;
      const { rows } = await client.query<{ failed: string }>(
        "select count(*) as failed from jobs where status = 'failed'",
      );
      return { workers, jobs, seconds, failed: Number(rows[0]?.failed) };
    } finally {
      await client.end();
      await processes.stop();
    }
  } finally {
    await database.drop();
  }
}
