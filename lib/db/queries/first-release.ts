import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * The release of an issue's first stored event ("what changed"), null when it carried none: the
 * newest-first index of its events (events_issue_recent) read backwards, one row. The list shows
 * it and the release page's "new in this release" filters by it, so both agree on what is new.
 * Bounded by the issue's first seen (no stored event is older), so only the months since are read.
 */
export function firstReleaseOf(issueId: AnyColumn | SQL, firstSeen: AnyColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select e.release from events e where e.issue_id = ${issueId}
    and e.occurred_at >= ${firstSeen} order by e.occurred_at, e.id limit 1)`;
}
