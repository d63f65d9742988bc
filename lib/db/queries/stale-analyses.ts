import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { jobs } from "../schema";
import { ANALYSE_ISSUE_JOB } from "./jobs";

export type StaleAnalysisOptions = {
  /** The analyser that runs now: an issue whose newest analysis names another is stale. */
  analyserVersion: string;
  /** Only issues seen this recently: a quiet issue is re-analysed by its next event anyway. */
  seenWithinDays: number;
  /** Spread: the re-analyses start this many a second, most recently seen first. */
  perSecond: number;
  /** At most this many, the most recently seen: one statement, well inside the statement timeout. */
  limit: number;
  /** The clock, for tests. */
  now: Date;
};

/**
 * Queues a re-analysis of every unresolved issue seen within `seenWithinDays` whose newest analysis
 * was made by another analyser version, so an upgrade's better verdicts reach the issues on call
 * is looking at without waiting for their next event. Jobs are claimed in run_after order: queued
 * at once, thousands would hold every delivery and fresh analysis behind them, so they are spread at
 * `perSecond`. An issue with a job already queued keeps it. Idempotent: a re-analysed issue is no
 * longer stale, so every worker may run it when it starts. Returns how many were queued (100,000
 * took 2 s on PostgreSQL and 4 s on PGlite here, hence `limit`).
 */
export async function queueReanalysisOfStaleIssues(
  db: Database,
  options: StaleAnalysisOptions,
): Promise<number> {
  const since = new Date(options.now.getTime() - options.seenWithinDays * 86_400_000);
  const queued = await db.execute(sql`
    insert into ${jobs} (kind, subject_id, run_after)
    select ${ANALYSE_ISSUE_JOB}::text, s.id,
      ${options.now.toISOString()}::timestamptz
        + make_interval(secs => (row_number() over (order by s.last_seen desc, s.id) - 1) / ${options.perSecond}::float8)
    from (
      select i.id, i.last_seen from issues i
      cross join lateral (
        select a.analyser_version from analyses a where a.issue_id = i.id order by a.version desc limit 1
      ) newest
      where i.status = 'unresolved' and i.last_seen >= ${since.toISOString()}::timestamptz
        and newest.analyser_version <> ${options.analyserVersion}::text
      order by i.last_seen desc, i.id
      limit ${options.limit}
    ) s
    on conflict (kind, subject_id) where status = 'queued' do nothing
    returning 1`);
  return rowsOf(queued).length;
}
