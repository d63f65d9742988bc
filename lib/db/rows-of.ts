/**
 * The rows of a raw `db.execute`: node-postgres and PGlite both answer `{ rows }`, but drizzle
 * types the result per driver, so the shape the query selects is named here.
 */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
