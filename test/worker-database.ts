import pg from "pg";

// Vitest setup file of the data-layer project: each worker gets a PostgreSQL database of its own
// (the run's TEST_DATABASE_URL with `_w<pool id>` added), so suites run two at a time without
// truncating each other's tables. Dropped by test/worker-database-teardown.ts.
const base = process.env.TEST_DATABASE_URL;
if (base && !process.env.SIFT_TEST_WORKER_DATABASE) {
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_w${process.env.VITEST_POOL_ID ?? "1"}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  process.env.TEST_DATABASE_URL = url.toString();
  process.env.SIFT_TEST_WORKER_DATABASE = name;
}
