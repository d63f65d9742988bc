import type { SQL } from "drizzle-orm";
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from "drizzle-orm/pg-core";
import type { Database } from "./connect";

const dialect = new PgDialect();
// Per session (the pool's, or one transaction's) and name: drizzle builds the text once.
const prepared = new WeakMap<object, Map<string, PgPreparedQuery<PreparedQueryConfig>>>();

/**
 * Runs `query`, a constant statement whose values are `sql.placeholder(…)`s filled from `values`,
 * as a statement the server keeps prepared under `name` on each connection: it is parsed and
 * planned once per connection instead of once per call (for the webhook's one big statement that
 * planning costs as much as running it), and its text is built once per process. One name, one
 * text: node-postgres refuses a second text for a name it knows. PGlite runs it as a plain query.
 */
export async function executePrepared<Row>(
  db: Database,
  name: string,
  query: SQL,
  values: Record<string, unknown>,
): Promise<Row[]> {
  const session = db._.session;
  let byName = prepared.get(session);
  if (!byName) {
    byName = new Map();
    prepared.set(session, byName);
  }
  let statement = byName.get(name);
  if (!statement) {
    statement = session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
    byName.set(name, statement);
  }
  const result = (await statement.execute(values)) as { rows: Row[] };
  return result.rows;
}
