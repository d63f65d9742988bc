import { expect, test } from "@playwright/test";
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
  SIFT_REANALYSE_AFTER_SECONDS: "0",
  // Jobs the killed process held are claimed again this soon, instead of after the default minute.
  SIFT_JOB_LEASE_SECONDS: "5",
});

test.beforeAll(async () => {
  db = await createScratchDatabase("crash");
});

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
      if (reply.status !== null && ++answered === KILL_AFTER_ANSWERS) killed = running.kill();
      return reply;
    },
  };
  const replies = await sendDeliveries(countingSender, deliveries, e2eSecrets.webhook, CONNECTIONS);
  await killed;
  expect(killed, "the server was killed during the burst").toBeDefined();
  const [held] = await db.query<{ n: number }>(
    "select count(*)::int as n from jobs where status = 'running'",
  );

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
