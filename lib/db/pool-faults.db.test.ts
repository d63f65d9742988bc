import { execFile } from "node:child_process";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type Connection, connect } from "./connect";
import { isDatabaseUnavailable } from "./unavailable";

// Database faults as production meets them (failover, restart, terminated backends, a stalled table,
// a database that refuses connections), made on the real PostgreSQL server. They are about the
// node-postgres pool, so they run on the server only; PGlite has no connections to lose.
const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean the pool survives these faults.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
const testUrl: string = url;
const database = decodeURIComponent(new URL(testUrl).pathname.slice(1));
// Fault-making statements (terminate, allow_connections) run from the `postgres` database, so they
// neither kill themselves nor depend on the database they break.
const adminUrl = Object.assign(new URL(testUrl), { pathname: "/postgres" }).toString();

const STATEMENT_TIMEOUT_MS = 1000;
const options = {
  databaseUrl: testUrl,
  dataDir: "",
  poolSize: 10,
  connectTimeoutMs: 1000,
  statementTimeoutMs: STATEMENT_TIMEOUT_MS,
  idleInTransactionTimeoutMs: 5000,
};

const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function adminClient(target = adminUrl): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: target });
  client.on("error", () => {});
  await client.connect();
  return client;
}

const terminateAppBackends = (admin: pg.Client) =>
  admin.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [database],
  );

async function timed<T>(
  work: () => Promise<T>,
): Promise<{ value: T | undefined; error: unknown; ms: number }> {
  const started = performance.now();
  try {
    const value = await work();
    return { value, error: undefined, ms: performance.now() - started };
  } catch (error) {
    return { value: undefined, error, ms: performance.now() - started };
  }
}

/** Every client is back in the pool: none checked out and forgotten, nobody waiting for one. */
function expectNoLeak(connection: Connection) {
  const stats = connection.poolStats?.();
  expect(stats).toBeDefined();
  expect(stats?.waiting).toBe(0);
  expect(stats?.idle).toBe(stats?.total);
  expect(stats?.total).toBeLessThanOrEqual(options.poolSize);
}

async function expectHealthy(connection: Connection) {
  const select = await timed(() => connection.db.execute(sql`select 1 as one`));
  expect(select.error).toBeUndefined();
  expect(rowsOf(select.value)).toEqual([{ one: 1 }]);
  expect(select.ms).toBeLessThan(1000);
  const transaction = await timed(() =>
    connection.db.transaction(async (tx) => {
      await tx.execute(sql`select count(*) from issues`);
      return rowsOf(await tx.execute(sql`select 2 as two`));
    }),
  );
  expect(transaction.error).toBeUndefined();
  expect(transaction.value).toEqual([{ two: 2 }]);
  expect(transaction.ms).toBeLessThan(1000);
}

// A connection left behind by a failed test must not hang the file: close, but not for ever.
const closeWithin = (connection: Connection) => Promise.race([connection.close(), sleep(2000)]);

describe("the PostgreSQL pool under database faults", () => {
  afterAll(async () => {
    // Whatever happened in the refusal test, leave the database accepting connections.
    const admin = await adminClient();
    await admin.query(`alter database "${database}" allow_connections true`);
    await admin.end();
  });

  it("leaks no client through a storm of terminated backends, and recovers by itself", async () => {
    const connection = await connect(options);
    const errors: unknown[] = [];
    let committed = 0;
    let running = true;
    // Transactions of a couple of statements, 32 at a time through a pool of 10, as the webhook
    // and the worker run them.
    const client = async () => {
      while (running) {
        await connection.db
          .transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.01)`);
            await tx.execute(sql`select count(*) from issues`);
          })
          .then(
            () => committed++,
            (error: unknown) => errors.push(error),
          );
      }
    };
    const clients = Array.from({ length: 32 }, client);
    const admin = await adminClient();
    try {
      await sleep(300);
      // Two storms of a second each, terminating every backend of the database every 50 ms.
      for (const _storm of [1, 2]) {
        for (let i = 0; i < 20; i++) {
          await terminateAppBackends(admin);
          await sleep(50);
        }
        await sleep(300);
      }
    } finally {
      running = false;
      await admin.end();
    }
    // A leaked client keeps transactions waiting for the pool: give them a bounded time to finish.
    await Promise.race([Promise.all(clients), sleep(5000)]);
    try {
      expect(errors.length).toBeGreaterThan(0);
      expect(committed).toBeGreaterThan(0);
      const unrecognised = errors.filter((error) => !isDatabaseUnavailable(error));
      expect(unrecognised.map(String)).toEqual([]);
      expectNoLeak(connection);
      await expectHealthy(connection);
      expectNoLeak(connection);
    } finally {
      await closeWithin(connection);
    }
  });

  it("answers a query on a locked table with a timeout error within the statement timeout", async () => {
    const connection = await connect(options);
    const admin = await adminClient(testUrl);
    try {
      await connection.db.execute(sql`select count(*) from issues`);
      // A session holding the table for longer than the statement timeout (a migration, a vacuum
      // full, a stuck transaction).
      await admin.query("begin");
      await admin.query("lock table issues in access exclusive mode");
      const unlocked = sleep(4 * STATEMENT_TIMEOUT_MS).then(() => admin.query("rollback"));

      const read = await timed(() => connection.db.execute(sql`select count(*) from issues`));
      const write = await timed(() =>
        connection.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await tx.execute(sql`select count(*) from issues`);
        }),
      );
      for (const attempt of [read, write]) {
        expect(attempt.error).toBeInstanceOf(Error);
        expect(isDatabaseUnavailable(attempt.error)).toBe(true);
        expect(attempt.ms).toBeGreaterThan(STATEMENT_TIMEOUT_MS * 0.8);
        expect(attempt.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 1000);
      }
      await unlocked;
      expectNoLeak(connection);
      await expectHealthy(connection);
    } finally {
      await admin.end();
      await closeWithin(connection);
    }
  });

  it("gives up on a statement the server does not cancel (read timeout), and drops that busy connection", async () => {
    const connection = await connect({ ...options, poolSize: 1 });
    try {
      // The server's timeout switched off inside the transaction stands in for a server or network
      // that stopped answering: only the client's read timeout can end this wait.
      const stuck = await timed(() =>
        connection.db.transaction(async (tx) => {
          await tx.execute(sql`set local statement_timeout = 0`);
          await tx.execute(sql`select pg_sleep(5)`);
        }),
      );
      expect(isDatabaseUnavailable(stuck.error)).toBe(true);
      expect(stuck.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 2000);
      // The connection still runs pg_sleep on the server; handing it out again would make the next
      // caller wait behind it. With a pool of one, the next query shows which happened.
      expectNoLeak(connection);
      await expectHealthy(connection);
    } finally {
      await closeWithin(connection);
    }
  });

  it("recognises a database that refuses connections as unavailable, and recovers when it accepts them", async () => {
    const connection = await connect(options);
    const admin = await adminClient();
    try {
      await connection.db.execute(sql`select 1`);
      await admin.query(`alter database "${database}" allow_connections false`);
      // Existing sessions are not affected by the switch; end them so the pool must open new ones.
      await terminateAppBackends(admin);
      await sleep(100);

      const fresh = await connect(options).catch((error: unknown) => error);
      expect(fresh).toBeInstanceOf(Error);
      expect((fresh as { code?: string }).code).toBe("55000");
      expect(isDatabaseUnavailable(fresh)).toBe(true);

      const pooled = await connection.db.execute(sql`select 1`).catch((error: unknown) => error);
      expect(pooled).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(pooled)).toBe(true);
    } finally {
      await admin.query(`alter database "${database}" allow_connections true`);
      await admin.end();
    }
    try {
      await expectHealthy(connection);
      expectNoLeak(connection);
    } finally {
      await closeWithin(connection);
    }
  });

  it("survives a checked-out client's connection dying while the app holds it (a separate process)", async () => {
    // In plain Node (the worker process), an 'error' event nobody listens to ends the process, so
    // this runs where vitest cannot catch it for us.
    const script = `
      import { sql } from "drizzle-orm";
      import pg from "pg";
      import { connect } from ${JSON.stringify(`${import.meta.dirname}/connect.ts`)};
      import { isDatabaseUnavailable } from ${JSON.stringify(`${import.meta.dirname}/unavailable.ts`)};
      const url = process.env.TEST_DATABASE_URL;
      const connection = await connect({ databaseUrl: url, dataDir: "" });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      let outcome = "committed";
      let unavailable = false;
      try {
        await connection.db.transaction(async (tx) => {
          const pid = (await tx.execute(sql\`select pg_backend_pid() as pid\`)).rows[0].pid;
          await admin.query("select pg_terminate_backend($1)", [pid]);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.execute(sql\`select 1\`);
        });
      } catch (error) {
        outcome = String(error.cause?.message ?? error.message);
        unavailable = isDatabaseUnavailable(error);
      }
      const after = (await connection.db.execute(sql\`select 1 as one\`)).rows;
      console.log(JSON.stringify({ outcome, unavailable, after, stats: connection.poolStats() }));
      await admin.end();
      await connection.close();
    `;
    const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const proc = execFile(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "--eval", script],
        { env: { ...process.env, TEST_DATABASE_URL: testUrl }, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? (proc.exitCode ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(child.stderr).not.toMatch(/Unhandled 'error' event/);
    expect(child.code).toBe(0);
    const report = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}");
    expect(report.outcome).not.toBe("committed");
    expect(report.unavailable).toBe(true);
    expect(report.after).toEqual([{ one: 1 }]);
    expect(report.stats.idle).toBe(report.stats.total);
  }, 30_000);
});
