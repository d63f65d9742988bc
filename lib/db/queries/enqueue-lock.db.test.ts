import { afterAll, beforeAll, expect, it } from "vitest";
import { type Connection, connect, type Database } from "../connect";
import { claimJobs, enqueueAnalysis, enqueueJob } from "./jobs";

// Two connections at once, which only the PostgreSQL server has: a transaction that queues work
// for a subject whose job is already queued must keep workers off that job until it commits, or
// the job runs on data without what queued it.
const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean the queue is safe under concurrency.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

let writer: Connection;
let worker: Connection;
beforeAll(async () => {
  writer = await connect({ databaseUrl: url, dataDir: "" });
  worker = await connect({ databaseUrl: url, dataDir: "" });
});
afterAll(async () => {
  await writer?.close();
  await worker?.close();
});

/**
 * Queues `subject`'s job, then queues it again inside a transaction held open while a worker tries
 * to claim; returns the subjects claimed while it was open and once it had committed.
 */
async function claimsAroundOpenEnqueue(
  kind: string,
  subject: string,
  enqueue: (db: Database) => Promise<void>,
) {
  await enqueue(writer.db);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let queued = () => {};
  const enqueued = new Promise<void>((resolve) => {
    queued = resolve;
  });
  const open = writer.db.transaction(async (tx) => {
    await enqueue(tx);
    queued();
    await held;
  });
  await enqueued;
  const claim = async () =>
    (await claimJobs(worker.db, { kinds: [kind], limit: 50, leaseSeconds: 60 })).map((job) => job.subjectId);
  let during: string[];
  try {
    during = await claim();
  } finally {
    release();
    await open;
  }
  return { during, after: await claim() };
}

it("keeps a queued job from being claimed while a transaction that queued it again is open", async () => {
  const subject = `lock-${Date.now()}`;
  const { during, after } = await claimsAroundOpenEnqueue("probe_lock", subject, (db) =>
    enqueueJob(db, "probe_lock", subject),
  );
  expect(during).not.toContain(subject);
  expect(after).toContain(subject);
});

it("does the same for an issue's analysis queued by a new event", async () => {
  const issueId = String(Date.now());
  const { during, after } = await claimsAroundOpenEnqueue("analyse_issue", issueId, (db) =>
    enqueueAnalysis(db, issueId, { minIntervalSeconds: 0 }),
  );
  expect(during).not.toContain(issueId);
  expect(after).toContain(issueId);
});
