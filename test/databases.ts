import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { type Connection, connect } from "@/lib/db/connect";

export type DriverName = "pglite" | "postgres";

async function open(driver: DriverName): Promise<Connection> {
  if (driver === "pglite") return connect({ dataDir: "memory://" });
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
      await connection?.db.execute(
        sql`truncate table sentry_installations, writebacks, sync_state, analyses, issue_hour_identities, tenant_activity, issue_identities, issue_users, issue_tenants, events, issues, projects, deliveries, jobs, issue_comments, seer_runs, alert_triggers, metric_alerts restart identity cascade`,
      );
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
