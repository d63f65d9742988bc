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
import { startWorkerProcess, type WorkerProcess } from "@/test/worker-process";
import { e2ePorts, e2eSecrets, robustPorts } from "../support/ports";
import { printOutputOnFailure } from "../support/print-on-failure";

// Several `npm run worker` processes drain one queue (the web runs no worker): each job is claimed
// and run exactly once, so an issue has exactly as many analysis versions as jobs ran for it.

const WORKERS = 3;
const BACKLOG_ISSUES = 500;
const CONNECTIONS = 8;

let db: ScratchDatabase;
let server: RunningServer | undefined;
let sender: Sender | undefined;
const workers: WorkerProcess[] = [];

printOutputOnFailure(() => ({
  "next start": server?.output(),
  ...Object.fromEntries(workers.map((w, i) => [`worker ${i + 1}`, w.output()])),
}));

test.afterAll(async () => {
  sender?.close();
  await Promise.all(workers.map((w) => w.stop()));
  await server?.stop();
  await db?.drop();
});

test(`${WORKERS} worker processes run every job of one queue exactly once`, async () => {
  test.setTimeout(180_000);
  db = await createScratchDatabase("workers");
  server = await startNextServer(
    robustPorts.workerPool,
    {
      DATABASE_URL: db.url,
      SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
      OIDC_ISSUER: `http://localhost:${e2ePorts.idp}`,
      SIFT_WORKER: "0",
      SIFT_REANALYSE_AFTER_SECONDS: "0",
    },
    { quiet: true },
  );
  sender = createSender(server.url, CONNECTIONS);

  // A backlog: one new issue per delivery, each delivery's store queued (which queues the issue's
  // analysis) and nobody to run it.
  const backlog = errorDeliveries(BACKLOG_ISSUES, BACKLOG_ISSUES);
  const replies = await sendDeliveries(sender, backlog, e2eSecrets.webhook, CONNECTIONS);
  expect(replies.filter((r) => !isSuccess(r))).toEqual([]);
  const [queued] = await db.query<{ n: number }>(
    "select count(*)::int as n from jobs where kind = 'store_delivery' and status = 'queued'",
  );
  expect(queued?.n).toBe(BACKLOG_ISSUES);

  for (let i = 0; i < WORKERS; i++) {
    workers.push(
      startWorkerProcess({
        DATABASE_URL: db.url,
        SIFT_WORKER_POLL_MS: "50",
        SIFT_REANALYSE_AFTER_SECONDS: "0",
        SIFT_SENTRY_POLL_SECONDS: "0",
        SENTRY_API_TOKEN: "",
      }),
    );
  }
  // While they drain it, more events for half of those issues queue their analyses again. Sent once
  // some jobs are done (the oldest issues go first), so that some of them queue a second job rather
  // than all folding into jobs still queued: a loaded machine starts the workers slowly.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [done] = await db.query<{ n: number }>("select count(*)::int as n from jobs where status = 'done'");
    if ((done?.n ?? 0) >= BACKLOG_ISSUES / 5 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const more = errorDeliveries(
    BACKLOG_ISSUES,
    backlog.slice(0, BACKLOG_ISSUES / 2).map((d) => d.issueId),
  );
  const moreReplies = await sendDeliveries(sender, more, e2eSecrets.webhook, CONNECTIONS);
  const { unacknowledged } = await resendUntilAcknowledged(sender, more, moreReplies, e2eSecrets.webhook, {
    concurrency: CONNECTIONS,
    deadlineMs: 30_000,
  });
  expect(unacknowledged).toEqual([]);

  expect(await waitForDrainedQueue(db, 120_000), "the workers drain the queue").toBe(true);
  for (const worker of workers) expect(worker.alive(), worker.output()).toBe(true);

  // Every job ran once: claimed once (attempts counts claims) and finished, none failed or open.
  const jobs = await db.query<{ status: string; attempts: number; n: number }>(
    "select status, attempts, count(*)::int as n from jobs where kind in ('store_delivery', 'analyse_issue') group by 1, 2 order by 1, 2",
  );
  expect(jobs.map((j) => `${j.status} after ${j.attempts} attempt(s)`)).toEqual(["done after 1 attempt(s)"]);
  // ...and did its work once: as many analysis versions per issue as jobs that ran for it.
  const mismatched = await db.query<{ issue_id: string; ran: number; versions: number }>(`
    select i.id as issue_id,
      (select count(*)::int from jobs j where j.kind = 'analyse_issue' and j.subject_id = i.id) as ran,
      (select count(*)::int from analyses a where a.issue_id = i.id) as versions
    from issues i`);
  expect(mismatched.filter((m) => m.ran !== m.versions)).toEqual([]);
  const [totals] = await db.query<{ ran: number; versions: number }>(
    "select (select count(*)::int from jobs) as ran, (select count(*)::int from analyses) as versions",
  );
  console.log(`worker pool: ${totals?.ran} jobs, ${totals?.versions} analyses by ${WORKERS} processes`);
  expect(totals?.ran).toBeGreaterThan(BACKLOG_ISSUES);
  expect(await findLedgerProblems(db, [...backlog, ...more])).toEqual([]);

  const codes = await Promise.all(workers.map((w) => w.stop()));
  expect(codes).toEqual(workers.map(() => 0));
});
