import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { jobs } from "../schema";
import { ANALYSE_ISSUE_JOB } from "./jobs";

export type StaleAnalysisOptions = {
  /** The analyser that runs now: an issue whose newest analysis an older (lower) version made is stale. */
  analyserVersion: number;
  /** Only issues seen this recently: a quiet issue is re-analysed by its next event anyway. */
  seenWithinDays: number;
  /** At most this many, the most recently seen first. */
  limit: number;
};

/**
 * Queues, due now, a re-analysis of up to `limit` unresolved issues seen within `seenWithinDays`
 * whose newest analysis an older analyser version made, most recently seen first. Left out: an
 * issue whose analysis is already queued or running, and one whose analysis failed for good since
 * its newest analysis (it would fail again, at every call). Only a lower version counts as stale, so
 * a rollback, or an old worker still running in a rolling deploy, re-analyses nothing. Returns how
 * many were queued.
 */
export async function queueReanalysisOfStaleIssues(
  db: Database,
  options: StaleAnalysisOptions,
): Promise<number> {
  const queued = await db.execute(sql`
    insert into ${jobs} (kind, subject_id)
    select ${ANALYSE_ISSUE_JOB}::text, s.id
    from (
      select i.id from issues i
      cross join lateral (
        select a.analyser_version, a.created_at from analyses a
        where a.issue_id = i.id order by a.version desc limit 1
      ) newest
      where i.status = 'unresolved'
        and i.last_seen >= now() - make_interval(days => ${options.seenWithinDays}::int)
        and (case when newest.analyser_version ~ '^[0-9]+$' then newest.analyser_version::int end)
          < ${options.analyserVersion}::int
        and not exists (
          select from ${jobs} j
          where j.kind = ${ANALYSE_ISSUE_JOB}::text and j.subject_id = i.id
            and (j.status in ('queued', 'running') or (j.status = 'failed' and j.created_at > newest.created_at))
        )
      order by i.last_seen desc, i.id
      limit ${options.limit}
    ) s
    on conflict (kind, subject_id) where status = 'queued' do nothing
    returning 1`);
  return rowsOf(queued).length;
}
