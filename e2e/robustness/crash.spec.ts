import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  errorDeliveries,
  findLedgerProblems,
  resendUntilAcknowledged,
  sendDeliveries,
  waitForDrainedQueue,
} from "@/test/delivery-ledger";
import { type RunningServer, startNextServer } from "@/test/next-server";
import { createScratchDatabase, type ScratchDatabase } from "@/test/scratch-database";
import { createSender, isSuccess, type Sender } from "@/test/webhook-sender";
import { e2ePorts, e2eSecrets, robustPorts } from "../support/ports";
import { printOutputOnFailure } from "../support/print-on-failure";

// kill -9 of the production server in the middle of a burst, then a restart and Sentry's retries:
// whatever got a 2xx is stored exactly once and analysed, nothing is stored twice, and the jobs the
// dead worker held are finished by the next one once their lease runs out.

const DELIVERIES = 2000;
const ISSUES = 100;
const CONNECTIONS = 8;
const KILL_AFTER_ANSWERS = 800;

let db: ScratchDatabase;
let server: RunningServer | undefined;
let sender: Sender;

const serverEnv = () => ({
  DATABASE_URL: db.url,
  SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
  OIDC_ISSUER: `http://localhost:${e2ePorts.idp}`,
  SIFT_WORKER: "1",
  SIFT_WORKER_POLL_MS: "100",
  // Busy issues are re-analysed each second, so the worker is claiming batches all through the burst.
  SIFT_REANALYSE_AFTER_SECONDS: "1",
  // Jobs the killed process held are claimed again this soon, instead of after the default minute.
  SIFT_JOB_LEASE_SECONDS: "5",
});

test.beforeAll(async () => {
  db = await createScratchDatabase("crash");
});

/**
 * Kills the server while its worker holds a claimed job, so only the lease running out can free it:
 * freezes the process group whenever a job is seen running, and kills it if the job is still
 * running once frozen (it cannot finish it then), else lets it go on and looks again.
 */
async function killWhileWorking(target: RunningServer): Promise<void> {
  const watcher = new pg.Client({ connectionString: db.url });
  await watcher.connect();
  const running = async () =>
    (await watcher.query("select 1 from jobs where status = 'running' limit 1")).rows.length > 0;
  try {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (!(await running())) continue;
      target.signal("SIGSTOP");
      if (await running()) break;
      target.signal("SIGCONT");
    }
  } finally {
    await target.kill();
    await watcher.end();
  }
}

printOutputOnFailure(() => ({ "next start": server?.output() }));

test.afterAll(async () => {
  sender?.close();
  await server?.stop();
  await db?.drop();
});

test("kill -9 during a burst loses no acknowledged delivery and doubles nothing", async () => {
  test.setTimeout(240_000);
  server = await startNextServer(robustPorts.crash, serverEnv(), { quiet: true });
  sender = createSender(server.url, CONNECTIONS);
  const deliveries = errorDeliveries(DELIVERIES, ISSUES);

  let answered = 0;
  let killed: Promise<void> | undefined;
  const running = server;
  const countingSender = {
    ...sender,
    post: async (...args: Parameters<Sender["post"]>) => {
      const reply = await sender.post(...args);
      if (reply.status !== null && ++answered === KILL_AFTER_ANSWERS) killed = killWhileWorking(running);
      return reply;
    },
  };
  const replies = await sendDeliveries(countingSender, deliveries, e2eSecrets.webhook, CONNECTIONS);
  await killed;
  expect(killed, "the server was killed during the burst").toBeDefined();
  const [held] = await db.query<{ n: number }>(
    "select count(*)::int as n from jobs where status = 'running'",
  );
  // The kill caught the worker with jobs claimed: only their lease running out can free them.
  expect(held?.n).toBeGreaterThan(0);

  const acknowledged = replies.filter(isSuccess).length;
  const failedInFlight = replies.filter((r) => r.error !== null).length;
  // The kill landed mid-burst: some deliveries were acknowledged before it, some failed with it.
  expect(acknowledged).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS - CONNECTIONS);
  expect(failedInFlight).toBeGreaterThan(0);
  expect(replies.filter((r) => r.status !== null && !isSuccess(r))).toEqual([]);
  const acknowledgedBeforeCrash = replies.flatMap((r, i) => (isSuccess(r) ? [i] : []));

  server = await startNextServer(robustPorts.crash, serverEnv(), { quiet: true });
  sender.close();
  sender = createSender(server.url, CONNECTIONS);
  const { unacknowledged, duplicates } = await resendUntilAcknowledged(
    sender,
    deliveries,
    replies,
    e2eSecrets.webhook,
    { concurrency: CONNECTIONS, deadlineMs: 60_000 },
  );
  expect(unacknowledged).toEqual([]);
  console.log(
    `crash: ${acknowledgedBeforeCrash.length} acknowledged before the kill, ${failedInFlight} resent (${duplicates} of them committed before the kill), ${held?.n} jobs held by the killed worker`,
  );

  expect(await waitForDrainedQueue(db, 90_000), "the queue drains after the restart").toBe(true);
  expect(await findLedgerProblems(db, deliveries)).toEqual([]);
  const [{ dupes }] = (await db.query<{ dupes: number }>(
    "select count(*)::int as dupes from (select dedupe_key from deliveries group by 1 having count(*) > 1) d",
  )) as [{ dupes: number }];
  expect(dupes).toBe(0);
});
