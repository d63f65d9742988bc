import pg from "pg";

/** Vitest global setup of the data-layer project: drops the workers' databases (test/worker-database.ts). */
export default function setup() {
  return async () => {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    const prefix = new URL(base).pathname.slice(1);
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where starts_with(datname, $1)",
        [`${prefix}_w`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
