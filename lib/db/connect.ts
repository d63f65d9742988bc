import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { PoolClient, PoolConfig } from "pg";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type PoolStats = { total: number; idle: number; waiting: number };

export type Connection = {
  db: Database;
  driver: "pg" | "pglite";
  close: () => Promise<void>;
  /** PostgreSQL only: the pool's clients (all, idle, and callers waiting for one), for tests and diagnostics. */
  poolStats?: () => PoolStats;
  /** PGlite only: a copy of the whole data folder, which `pgliteDataDirCopy` can start from. */
  dumpDataDir?: () => Promise<Blob>;
};

export type ConnectOptions = {
  /** postgres://… uses node-postgres; without it Sift runs on embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; "memory://" keeps everything in memory (tests). */
  dataDir: string;
  migrationsFolder?: string;
  /**
   * PGlite only: start from this copy of a data folder (PGlite's `dumpDataDir`) instead of an empty
   * cluster. The data-layer tests start each suite from one migrated copy: creating and migrating a
   * cluster took 2–7 s a suite, most of their run.
   */
  pgliteDataDirCopy?: Blob;
  // PostgreSQL only. Unset or 0: no limit (node-postgres' defaults); lib/db/client.ts passes the
  // SIFT_DB_* settings, so the web and worker processes always have them.
  /** Most server connections the pool holds (default 10). */
  poolSize?: number;
  /** Opening a connection, or waiting for a free pool client, fails after this. */
  connectTimeoutMs?: number;
  /**
   * The server cancels a statement running (or waiting for a lock) longer than this (SQLSTATE 57014),
   * and the client gives up on a server that does not answer at all a second later. Not applied to
   * migrations, which may legitimately run longer.
   */
  statementTimeoutMs?: number;
  /** The server ends a session left idle inside a transaction longer than this, freeing its locks. */
  idleInTransactionTimeoutMs?: number;
};

const defaultMigrations = () => path.join(process.cwd(), "drizzle");

// Several web or worker processes may start at once against one server; the lock makes the
// first one apply the migrations and the others wait for it instead of racing.
const MIGRATION_LOCK = 7_262_001;
// The client-side read timeout only backs up the server's statement_timeout (a server or network
// that stopped answering cannot cancel anything): it must not fire before the server's own error.
const READ_TIMEOUT_MARGIN_MS = 1000;

export async function connect(options: ConnectOptions): Promise<Connection> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrations();
  if (options.databaseUrl) {
    const pg = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const connectionString = options.databaseUrl;
    const connectTimeout = options.connectTimeoutMs || undefined;

    // Migrations run on a connection of their own, without the statement timeout. The advisory
    // lock belongs to that session: ending it releases the lock, whatever happened.
    const migrator = new pg.Client({ connectionString, connectionTimeoutMillis: connectTimeout });
    // A dropped connection fails the pending query; without a listener it would also end the process.
    migrator.on("error", () => {});
    await migrator.connect();
    try {
      await migrator.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrate(drizzle(migrator, { schema }), { migrationsFolder });
    } finally {
      await migrator.end().catch(() => {});
    }

    const statementTimeout = options.statementTimeoutMs || undefined;
    const pool = leakProofPool(pg.Pool, {
      connectionString,
      max: options.poolSize || 10,
      connectionTimeoutMillis: connectTimeout,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout && statementTimeout + READ_TIMEOUT_MARGIN_MS,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs || undefined,
      // Sift's statements are short index reads and writes. PostgreSQL compiles a statement whose
      // estimated cost passes jit_above_cost (100,000, reached by an ordinary list page on a million
      // events when an estimate is off) to machine code first, which took 50–175 ms, many times the
      // statement's own run (measured in npm run bench:ui's database): off for the app's sessions.
      options: "-c jit=off",
    });
    const db = drizzle(pool, { schema });
    return {
      db: db as unknown as Database,
      driver: "pg",
      close: () => pool.end(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!options.dataDir.startsWith("memory://")) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir, { loadDataDir: options.pgliteDataDirCopy });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    close: () => client.close(),
    dumpDataDir: async () => client.dumpDataDir("none"),
  };
}

type PoolClass = typeof import("pg").Pool;
type ConnectCallback = (
  error: Error | undefined,
  client: PoolClient | undefined,
  done: PoolClient["release"],
) => void;

/**
 * A pool that gets every client back whatever its borrower does when the connection dies.
 *
 * drizzle-orm 0.45.4 (node-postgres/session.js, `NodePgSession.transaction`) awaits `begin` on the
 * checked-out client *before* the try/finally that releases it: when `begin` fails because the
 * connection just died (failover, restart, pg_terminate_backend), the client is never released.
 * Each such transaction costs the pool a slot for good, and once all are gone every query waits
 * for ever, long after the database is back. Also, pg-pool listens for errors only on idle
 * clients: a client whose connection dies while checked out emits 'error' to nobody, and Node ends
 * the process.
 *
 * So every client gets an 'error' listener for its whole life, and a client checked out through
 * `connect()` (drizzle's transactions; `pool.query` uses it too) is released *with* that error, so
 * that pg-pool destroys it and frees its slot, as soon as its connection dies. Its `release` is
 * made idempotent, so the borrower's own later release (if it comes) is harmless. A client whose
 * query hit the read timeout is still busy with that query on the server: its connection is cut,
 * which takes the same path.
 */
function leakProofPool(Pool: PoolClass, config: PoolConfig): InstanceType<PoolClass> {
  // The release of each client currently checked out, already made idempotent.
  const checkedOut = new WeakMap<PoolClient, (error: Error) => void>();

  const guard = (client: PoolClient): PoolClient => {
    const release = client.release;
    let released = false;
    client.release = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      checkedOut.delete(client);
      release(error);
    };
    checkedOut.set(client, client.release);
    return client;
  };

  class LeakProofPool extends Pool {
    override connect(): Promise<PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<PoolClient> | undefined {
      if (!callback) return super.connect().then(guard);
      super.connect((error, client, done) => {
        const guarded = client && guard(client);
        callback(error, guarded, guarded ? guarded.release : done);
      });
      return undefined;
    }
  }

  const pool = new LeakProofPool(config);
  // Idle clients: pg-pool removes one whose connection drops and reports it here.
  pool.on("error", (error) => console.warn(`[sift] database connection lost: ${error.message}`));
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      const release = checkedOut.get(client);
      if (!release) return; // idle: pg-pool's own listener handles it
      console.warn(`[sift] database connection lost while in use: ${error.message}`);
      release(error);
    });
    const query = client.query;
    client.query = function (this: PoolClient, ...args: Parameters<PoolClient["query"]>) {
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          if (error instanceof Error && error.message === "Query read timeout")
            client.connection.stream.destroy();
        });
      }
      return result;
    } as PoolClient["query"];
  });
  return pool;
}
