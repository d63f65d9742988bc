// No "server-only": the Pages Router webhook (pages/api/webhooks/sentry.ts) imports this, and that
// marker throws there. test/browser-imports.test.ts keeps it out of the browser instead.
import { env } from "@/lib/env";
import { type Connection, connect, type Database } from "./connect";

export type { Database } from "./connect";

// One connection per process, kept on globalThis so dev reloads never open the PGlite folder
// twice (PGlite takes no lock on it, and two openers corrupt it).
const holder = globalThis as unknown as { __siftDb?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  holder.__siftDb ??= connect({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.SIFT_DATA_DIR,
    poolSize: env.SIFT_DB_POOL_SIZE,
    connectTimeoutMs: env.SIFT_DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.SIFT_DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.SIFT_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  }).catch((error: unknown) => {
    holder.__siftDb = undefined;
    throw error;
  });
  return holder.__siftDb;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}
