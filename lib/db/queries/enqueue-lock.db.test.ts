import { afterAll, beforeAll, expect, it } from "vitest";
import { type Connection, connect } from "../connect";
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

it("keeps a queued job from being claimed while a transaction that queued it again is open", async () => {
  const subject = `lock-${Date.now()}`;
  await enqueueJob(writer.db, "probe_lock", subject);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let queued = () => {};
  const enqueued = new Promise<void>((resolve) => {
    queued = resolve;
  });
  const open = writer.db.transaction(async (tx) => {
    await enqueueJob(tx, "probe_lock", subject);
    queued();
    await held;
  });
  await enqueued;
  const kinds = ["probe_lock"];
  try {
    const during = await claimJobs(worker.db, { kinds, limit: 50, leaseSeconds: 60 });
    expect(during.map((job) => job.subjectId)).not.toContain(subject);
  } finally {
    release();
    await open;
  }
  const after = await claimJobs(worker.db, { kinds, limit: 50, leaseSeconds: 60 });
  expect(after.map((job) => job.subjectId)).toContain(subject);
});

it("does the same for an issue's analysis queued by a new event", async () => {
  const issueId = String(Date.now());
  await enqueueAnalysis(writer.db, issueId, { minIntervalSeconds: 0 });
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let queued = () => {};
  const enqueued = new Promise<void>((resolve) => {
    queued = resolve;
  });
  const open = writer.db.transaction(async (tx) => {
    await enqueueAnalysis(tx, issueId, { minIntervalSeconds: 0 });
    queued();
    await held;
  });
  await enqueued;
  const kinds = ["analyse_issue"];
  try {
    const during = await claimJobs(worker.db, { kinds, limit: 50, leaseSeconds: 60 });
    expect(during.map((job) => job.subjectId)).not.toContain(issueId);
  } finally {
    release();
    await open;
  }
  const after = await claimJobs(worker.db, { kinds, limit: 50, leaseSeconds: 60 });
  expect(after.map((job) => job.subjectId)).toContain(issueId);
});
