import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { getSyncedUntil, SENTRY_ISSUES_SYNC } from "./sync-state";

export async function checkDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}

export type PipelineHealth = {
  jobs: { queued: number; running: number; failed: number; oldestDueSeconds: number | null };
  sentryPoll: { syncedUntil: string | null };
};

/**
 * What an operator checks when the dashboard looks stale: work waiting (and how long the oldest due
 * job has waited: a growing number means no worker is keeping up), work that gave up, and how far
 * the Sentry poll has got.
 */
export async function getPipelineHealth(db: Database): Promise<PipelineHealth> {
  const result = await db.execute(sql`
    select
      count(*) filter (where status = 'queued')::int as queued,
      count(*) filter (where status = 'running')::int as running,
      count(*) filter (where status = 'failed')::int as failed,
      extract(epoch from now() - min(run_after) filter (where status = 'queued' and run_after <= now()))::float8 as oldest
    from jobs where status in ('queued', 'running', 'failed')`);
  const rows = (
    result as unknown as {
      rows: { queued: number; running: number; failed: number; oldest: number | null }[];
    }
  ).rows;
  const row = rows[0] ?? { queued: 0, running: 0, failed: 0, oldest: null };
  const syncedUntil = await getSyncedUntil(db, SENTRY_ISSUES_SYNC);
  return {
    jobs: {
      queued: Number(row.queued),
      running: Number(row.running),
      failed: Number(row.failed),
      oldestDueSeconds: row.oldest === null ? null : Math.round(Number(row.oldest)),
    },
    sentryPoll: { syncedUntil: syncedUntil?.toISOString() ?? null },
  };
}
