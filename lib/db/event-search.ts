import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * The words of an event's message and exception value, for the issue list's search. The index
 * (events_search) and the query must spell this expression alike for the planner to use the index.
 * 'simple' (no stemming, no stop words) exists on every PostgreSQL and on PGlite, and keeps
 * identifiers as written.
 */
export function eventSearchDocument(message: AnyPgColumn | SQL, exceptionValue: AnyPgColumn | SQL): SQL {
  return sql`to_tsvector('simple', coalesce(${message}, '') || ' ' || coalesce(${exceptionValue}, ''))`;
}
