import { expect, test } from "@playwright/test";
import { burstThroughFault } from "@/test/burst-through-fault";
import {
  type ErrorDelivery,
  errorDeliveries,
  findLedgerProblems,
  resendUntilAcknowledged,
  waitForDrainedQueue,
} from "@/test/delivery-ledger";
import { type RunningServer, startNextServer } from "@/test/next-server";
import {
  createScratchDatabase,
  lockTable,
  refuseConnections,
  type ScratchDatabase,
  terminateBackends,
} from "@/test/scratch-database";
import { createSender, type Reply, type Sender } from "@/test/webhook-sender";
import { startWorkerProcess, type WorkerProcess } from "@/test/worker-process";
import { e2ePorts, e2eSecrets, robustPorts } from "../support/ports";
import { printOutputOnFailure } from "../support/print-on-failure";

// The database fails under a steady burst of signed deliveries, once with the worker inside the web
// process and once with `npm run worker` beside a web process that runs none. Each time: every
// request is answered promptly, 2xx or 503 with Retry-After (never a hang, a 500 or a dropped
// connection); afterwards, without anyone restarting anything, deliveries are acknowledged again,
// every job completes, the worker process is still there, and no pool client is left checked out.

const CONNECTIONS = 8;
const STATEMENT_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 1000;
// A request during an outage must fail fast: about the statement or connect timeout. Far above
// both, so a loaded machine does not fail it, and far below a hang.
const ANSWER_WITHIN_MS = 2500;
const FAULT_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const timeouts = {
  SIFT_DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  SIFT_DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
  SIFT_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "2000",
  SIFT_WORKER_POLL_MS: "100",
  SIFT_REANALYSE_AFTER_SECONDS: "0",
  SIFT_JOB_LEASE_SECONDS: "5",
};

type Fault = {
  name: string;
  apply: (db: ScratchDatabase) => Promise<void>;
  /**
   * What the web process prints when the fault reached it without failing a delivery: terminated
   * backends can all fall between group commit's few statements and hit only idle clients.
   */
  printed?: RegExp;
};

const faults: Fault[] = [
  {
    name: "every backend terminated, twice",
    async apply(db) {
      const first = await terminateBackends(db.name);
      await sleep(FAULT_MS / 2);
      const second = await terminateBackends(db.name);
      expect(first + second, "sessions were terminated").toBeGreaterThan(0);
    },
    printed: /database connection lost/,
  },
  {
    // The table every webhook writes (events are stored later, by the worker).
    name: "deliveries table locked longer than the statement timeout",
    apply: (db) => lockTable(db.url, "deliveries", FAULT_MS),
  },
  {
    name: "connections refused",
    apply: (db) => refuseConnections(db.name, FAULT_MS),
  },
];

type PoolStats = { total: number; idle: number; waiting: number };

async function poolStats(url: string): Promise<PoolStats | null> {
  const res = await fetch(`${url}/api/health`).catch(() => null);
  if (!res?.ok) return null;
  return ((await res.json()) as { pool?: PoolStats }).pool ?? null;
}

/** True once the web process's pool has every client back; a leaked client never comes back. */
async function poolSettles(url: string, timeoutMs: number): Promise<PoolStats | null> {
  const deadline = Date.now() + timeoutMs;
  let last: PoolStats | null = null;
  while (Date.now() < deadline) {
    last = await poolStats(url);
    if (last && last.total === last.idle && last.waiting === 0) return last;
    await sleep(100);
  }
  throw new Error(`pool never settled: ${JSON.stringify(last)}`);
}

const describeReply = (r: Reply) => `${r.status ?? r.error} after ${Math.round(r.ms)} ms`;

for (const mode of [
  { name: "worker in the web process", port: robustPorts.faultsInProcess, separateWorker: false },
  { name: "npm run worker beside the web", port: robustPorts.faultsWorkerProcess, separateWorker: true },
]) {
  test.describe(`database faults, ${mode.name}`, () => {
    test.describe.configure({ mode: "serial" });
    let db: ScratchDatabase;
    let server: RunningServer | undefined;
    let worker: WorkerProcess | undefined;
    let sender: Sender;
    const sent: ErrorDelivery[] = [];
    let pool: ErrorDelivery[] = [];
    const nextDelivery = () => {
      if (pool.length === 0) pool = errorDeliveries(500, 50);
      return pool.pop() as ErrorDelivery;
    };

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      db = await createScratchDatabase(mode.separateWorker ? "faults_w" : "faults_p");
      server = await startNextServer(
        mode.port,
        {
          DATABASE_URL: db.url,
          SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
          OIDC_ISSUER: `http://localhost:${e2ePorts.idp}`,
          SIFT_WORKER: mode.separateWorker ? "0" : "1",
          ...timeouts,
        },
        { quiet: true },
      );
      if (mode.separateWorker) {
        worker = startWorkerProcess({
          DATABASE_URL: db.url,
          SIFT_SENTRY_POLL_SECONDS: "0",
          SENTRY_API_TOKEN: "",
          // One connection: a single client lost for good would stop the worker, which the drain notices.
          SIFT_DB_POOL_SIZE: "1",
          ...timeouts,
        });
      }
      sender = createSender(server.url, CONNECTIONS);
    });

    printOutputOnFailure(() => ({ "next start": server?.output(), "npm run worker": worker?.output() }));

    test.afterAll(async () => {
      sender?.close();
      await worker?.stop();
      await server?.stop();
      await db?.drop();
    });

    for (const fault of faults) {
      test(`${fault.name}: 503 with Retry-After at once, then recovers by itself`, async () => {
        test.setTimeout(120_000);
        const burst = await burstThroughFault(
          sender,
          nextDelivery,
          e2eSecrets.webhook,
          { concurrency: CONNECTIONS, before: 60, after: 60 },
          () => fault.apply(db),
        );
        sent.push(...burst.deliveries);

        const unavailable = burst.replies.filter((r) => r.status === 503);
        console.log(
          `${mode.name} / ${fault.name}: ${burst.replies.length} sent, ${burst.duringFault.length} during the fault, ${unavailable.length} answered 503, slowest ${Math.round(Math.max(...burst.replies.map((r) => r.ms)))} ms`,
        );
        // The fault reached the web process: deliveries answered 503, or it printed that it saw the
        // fault (this server is fresh for each mode, and the fault that prints comes first).
        const printed = fault.printed?.test(server?.output() ?? "") ?? false;
        expect(unavailable.length > 0 || printed, "the fault reached the web process").toBe(true);
        const wrong = burst.replies.filter(
          (r) =>
            r.error !== null ||
            !((r.status ?? 0) < 300 || (r.status === 503 && r.retryAfter)) ||
            r.ms > ANSWER_WITHIN_MS,
        );
        expect(wrong.map(describeReply)).toEqual([]);
        for (const reply of unavailable)
          expect(JSON.parse(reply.body).error.code).toBe("database_unavailable");

        // Recovery with nobody's help: what was refused is acknowledged when Sentry retries.
        const { unacknowledged } = await resendUntilAcknowledged(
          sender,
          burst.deliveries,
          burst.replies,
          e2eSecrets.webhook,
          { concurrency: CONNECTIONS, deadlineMs: 30_000 },
        );
        expect(unacknowledged).toEqual([]);
        expect(await waitForDrainedQueue(db, 60_000), "every job completes").toBe(true);
        if (worker) expect(worker.alive(), worker.output()).toBe(true);
        await poolSettles(server?.url ?? "", 15_000);
        expect(await findLedgerProblems(db, sent)).toEqual([]);
      });
    }
  });
}
