import pg from "pg";
import { truncateEveryTable } from "./truncate-every-table";

// Vitest setup file of the data-layer project: each worker gets a PostgreSQL database of its own
// (the run's TEST_DATABASE_URL with `_w<pool id>` added), so suites run two at a time without
// truncating each other's tables. Dropped by test/worker-databases-teardown.ts.
// The run's own URL is kept aside: a worker process may run several suites, and by the second one
// TEST_DATABASE_URL already names the worker's database.
const base = process.env.SIFT_TEST_RUN_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (base) {
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_w${process.env.VITEST_POOL_ID ?? "1"}`;
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  // Each suite starts from empty tables, whichever suites this worker ran before: some clean only
  // the tables they write, and another suite's leftovers (an installation, say) changed what they saw.
  const own = new pg.Client({ connectionString: url.toString() });
  await own.connect();
  try {
    await own.query(truncateEveryTable);
  } finally {
    await own.end();
  }
  process.env.SIFT_TEST_RUN_DATABASE_URL = base;
  process.env.TEST_DATABASE_URL = url.toString();
}
