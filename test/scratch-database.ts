import pg from "pg";

// A PostgreSQL database of a test's own, and the faults an operator's bad day brings, applied from
// an admin session on the server's `postgres` database (never from a session of the victim).

const serverUrl = () =>
  process.env.TEST_PG_ADMIN_URL ??
  process.env.E2E_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

function urlOf(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf("postgres") });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export type ScratchDatabase = {
  name: string;
  url: string;
  /** Runs SQL against it on a short-lived connection of the test's own. */
  query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;
  drop: () => Promise<void>;
};

/**
 * Creates an empty database named after the e2e run's (so `npm test`'s leftovers are recognisable),
 * or `sift_robust_…` when the run has none.
 */
export async function createScratchDatabase(purpose: string): Promise<ScratchDatabase> {
  const base = process.env.E2E_DATABASE_URL
    ? new URL(process.env.E2E_DATABASE_URL).pathname.slice(1)
    : "sift_robust";
  const name = `${base}_${purpose}_${Math.random().toString(36).slice(2, 7)}`.toLowerCase().slice(0, 63);
  await asAdmin((client) => client.query(`create database ${name}`));
  const url = urlOf(name);
  return {
    name,
    url,
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () =>
      asAdmin(async (client) => {
        await client.query(`alter database ${name} allow_connections true`);
        await client.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

/** Ends every session of the database at once, as a failover or a server restart does. Returns how many. */
export function terminateBackends(database: string): Promise<number> {
  return asAdmin(async (client) => {
    const { rows } = await client.query(
      "select count(*) filter (where pg_terminate_backend(pid))::int as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [database],
    );
    return rows[0]?.ended ?? 0;
  });
}

/**
 * Refuses new connections to the database and ends the existing ones for `ms`, as a database being
 * restored or moved does; connections are allowed again even when the test fails meanwhile.
 */
export async function refuseConnections(database: string, ms: number): Promise<void> {
  await asAdmin(async (client) => {
    await client.query(`alter database ${database} allow_connections false`);
    try {
      await client.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [database],
      );
      await new Promise((resolve) => setTimeout(resolve, ms));
    } finally {
      await client.query(`alter database ${database} allow_connections true`);
    }
  });
}

/**
 * Holds ACCESS EXCLUSIVE on `table` for `ms` from a session of the test's own: every read and write
 * of it waits, so the application sees a database that stalls rather than one that is down.
 */
export async function lockTable(url: string, table: string, ms: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("begin");
    await client.query(`lock table ${table} in access exclusive mode`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    await client.query("rollback");
  } finally {
    await client.end().catch(() => {});
  }
}
