import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, inject } from "vitest";
import { type Connection, connect } from "@/lib/db/connect";
import { truncateEveryTable } from "./truncate-every-table";

export type DriverName = "pglite" | "postgres";

async function open(driver: DriverName): Promise<Connection> {
  if (driver === "pglite") {
    // Saved by test/pglite-copy-setup.ts: a migrated cluster in about a second instead of 2–7.
    const copy = new Blob([readFileSync(inject("pgliteDataDirCopy"))]);
    return connect({ dataDir: "memory://", pgliteDataDirCopy: copy });
  }
  const url = process.env.TEST_DATABASE_URL;
  // Never skip the server half: a green run must mean the SQL works on PostgreSQL 15 too.
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
  return connect({ databaseUrl: url, dataDir: "" });
}

/**
 * Runs one suite against embedded PGlite and against the PostgreSQL server, each starting from
 * empty tables, so SQL that only PGlite's newer Postgres accepts fails here.
 */
export function describeOnEachDatabase(name: string, suite: (db: () => Connection["db"]) => void): void {
  describe.each<DriverName>(["pglite", "postgres"])(`${name} (%s)`, (driver) => {
    let connection: Connection | undefined;
    beforeAll(async () => {
      connection = await open(driver);
    });
    beforeEach(async () => {
      await connection?.db.execute(sql.raw(truncateEveryTable));
    });
    afterAll(async () => {
      await connection?.close();
    });
    suite(() => {
      if (!connection) throw new Error("database not open");
      return connection.db;
    });
  });
}

export const fixturesDir = `${process.cwd()}/../shared/sentry/fixtures`;
