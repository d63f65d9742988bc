import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Connection = {
  db: Database;
  driver: "pg" | "pglite";
  close: () => Promise<void>;
};

export type ConnectOptions = {
  /** postgres://… uses node-postgres; without it Sift runs on embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; "memory://" keeps everything in memory (tests). */
  dataDir: string;
  migrationsFolder?: string;
};

const defaultMigrations = () => path.join(process.cwd(), "drizzle");

// Several web or worker processes may start at once against one server; the lock makes the
// first one apply the migrations and the others wait for it instead of racing.
const MIGRATION_LOCK = 7_262_001;

export async function connect(options: ConnectOptions): Promise<Connection> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrations();
  if (options.databaseUrl) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client whose server connection drops (restart, failover) is reported here; without a
    // listener Node treats it as unhandled and the whole process exits. The pool replaces it.
    pool.on("error", (error) => console.warn(`[sift] database connection lost: ${error.message}`));
    const db = drizzle(pool, { schema });
    const lock = await pool.connect();
    try {
      await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrate(db, { migrationsFolder });
    } finally {
      await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      lock.release();
    }
    return { db: db as unknown as Database, driver: "pg", close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!options.dataDir.startsWith("memory://")) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: "pglite", close: () => client.close() };
}
