import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connect } from "./connect";
import { isDatabaseUnavailable } from "./unavailable";

// node-postgres results; the generic Database type leaves execute()'s result unknown.
const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;

// Server-only behaviour: PGlite has no network and no other sessions.
const url = process.env.TEST_DATABASE_URL;

describe("an unreachable or restarting PostgreSQL server", () => {
  it("is told apart from a query bug", async () => {
    const refused = await connect({ databaseUrl: "postgres://postgres@127.0.0.1:1/none", dataDir: "" }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
    const connection = await connect({ databaseUrl: url, dataDir: "" });
    try {
      const bug = await connection.db.execute(sql`select * from no_such_table`).catch((e: unknown) => e);
      expect(bug).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(bug)).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it("does not take the process down when the server drops idle connections, and recovers", async () => {
    if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
    const connection = await connect({ databaseUrl: url, dataDir: "" });
    const admin = await connect({ databaseUrl: url, dataDir: "" });
    try {
      // Warm several pool clients so some sit idle when the server kills them.
      await Promise.all(Array.from({ length: 4 }, () => connection.db.execute(sql`select pg_sleep(0.05)`)));
      const pid = await connection.db.execute(sql`select pg_backend_pid() as pid`);
      expect(rowsOf(pid)).toHaveLength(1);
      const killed = await admin.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and application_name = ''
              and state = 'idle'`,
      );
      expect(rowsOf(killed).length).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Every idle client is gone: the pool opens fresh ones, so queries work again.
      const after = await connection.db.execute(sql`select 1 as one`);
      expect(rowsOf(after)).toEqual([{ one: 1 }]);
    } finally {
      await connection.close();
      await admin.close();
    }
  });
});
