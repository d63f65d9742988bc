import { randomBytes } from "node:crypto";
import pg from "pg";

export type BenchDatabase = { url: string; drop: () => Promise<void> };

const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const prefix = process.env.BENCH_DB_PREFIX ?? "sift_bench";

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database (`BENCH_DB_PREFIX`_random), so every measurement starts alike. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await asAdmin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(`drop database if exists ${name} with (force)`),
  };
}
