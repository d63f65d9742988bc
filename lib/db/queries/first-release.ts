import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * The release of an issue's first stored event ("what changed"), null when it carried none: the
 * newest-first index of its events (events_issue_recent) read backwards, one row. The list shows
 * it and the release page's "new in this release" filters by it, so both agree on what is new.
 * Bounded by the issue's seen range (every stored event is inside it), so only the months of the
 * issue's life are read.
 */
export function firstReleaseOf(
  issueId: AnyColumn | SQL,
  seen: { firstSeen: AnyColumn | SQL; lastSeen: AnyColumn | SQL },
): SQL<string | null> {
  return sql<string | null>`(select e.release from events e where e.issue_id = ${issueId}
    and e.occurred_at between ${seen.firstSeen} and ${seen.lastSeen} order by e.occurred_at, e.id limit 1)`;
}
