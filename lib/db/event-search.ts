import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** The text an event is searched by: its message and exception value, as one document. */
export function eventSearchText(message: AnyPgColumn | SQL, exceptionValue: AnyPgColumn | SQL): SQL {
  return sql`coalesce(${message}, '') || ' ' || coalesce(${exceptionValue}, '')`;
}

/**
 * The words of an event's message and exception value (eventSearchText), for the issue list's
 * search: stored once per distinct text of an issue in issue_search_texts, which the search reads.
 * 'simple' (no stemming, no stop words) exists on
 * every PostgreSQL and on PGlite, and keeps identifiers as written.
 */
export function eventSearchDocument(message: AnyPgColumn | SQL, exceptionValue: AnyPgColumn | SQL): SQL {
  return sql`to_tsvector('simple', ${eventSearchText(message, exceptionValue)})`;
}
