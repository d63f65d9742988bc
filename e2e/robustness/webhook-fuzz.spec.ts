import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { waitForDrainedQueue } from "@/test/delivery-ledger";
import { type RunningServer, startNextServer } from "@/test/next-server";
import { createScratchDatabase, type ScratchDatabase } from "@/test/scratch-database";
import { type FuzzCase, fuzzCases, fuzzRequest } from "@/test/webhook-fuzz-cases";
import { createSender, isSuccess, mapConcurrently, type Reply, type Sender } from "@/test/webhook-sender";
import { e2ePorts, e2eSecrets, robustPorts } from "../support/ports";
import { printOutputOnFailure } from "../support/print-on-failure";

// Ten thousand generated deliveries, most of them malformed, truncated, oversized, forged or
// mistyped, against the production build: no forgery is accepted, nothing answers 5xx, a refused
// request writes no row, and an accepted one writes exactly one delivery.
// FUZZ_SEED=<n> replays a run (the seed is printed); the ids inside bodies are random either way.

const CASES = 10_000;
const CONNECTIONS = 8;
const MAX_BYTES = 64 * 1024;

let db: ScratchDatabase;
let server: RunningServer | undefined;
let sender: Sender | undefined;

printOutputOnFailure(() => ({ "next start": server?.output() }));

test.afterAll(async () => {
  sender?.close();
  await server?.stop();
  await db?.drop();
});

type Outcome = { fuzz: FuzzCase; reply: Reply };
const describeOutcome = ({ fuzz, reply }: Outcome) =>
  `${fuzz.kind} (resource ${JSON.stringify(fuzz.resource)}, ${fuzz.body.length} bytes): ${reply.status ?? reply.error}, allowed ${fuzz.allowed.join("/")} ${reply.body.slice(0, 200)}`;

test(`${CASES} hostile deliveries: no forgery accepted, no 5xx, no row for a refusal`, async () => {
  test.setTimeout(300_000);
  db = await createScratchDatabase("fuzz");
  server = await startNextServer(
    robustPorts.fuzz,
    {
      DATABASE_URL: db.url,
      SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
      OIDC_ISSUER: `http://localhost:${e2ePorts.idp}`,
      WEBHOOK_MAX_BYTES: String(MAX_BYTES),
      SIFT_WORKER: "1",
      SIFT_REANALYSE_AFTER_SECONDS: "2",
    },
    { quiet: true },
  );
  sender = createSender(server.url, CONNECTIONS);
  const post = sender.post;

  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  console.log(`fuzz: seed ${seed} (FUZZ_SEED=${seed} replays these cases)`);
  const cases = fc.sample(fuzzCases({ secret: e2eSecrets.webhook, maxBytes: MAX_BYTES }), {
    numRuns: CASES,
    seed,
  });
  const outcomes: Outcome[] = await mapConcurrently(cases, CONNECTIONS, async (fuzz) => ({
    fuzz,
    reply: await post(fuzzRequest(fuzz, e2eSecrets.webhook)),
  }));

  const byKind = new Map<string, number>();
  for (const { fuzz } of outcomes) {
    const kind = fuzz.kind.startsWith("mistyped") ? "mistyped" : fuzz.kind;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  console.log(`fuzz: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}`);

  // Every request answered with a status its case allows: no 5xx, no dropped connection.
  expect(outcomes.filter((o) => !o.fuzz.allowed.includes(o.reply.status ?? -1)).map(describeOutcome)).toEqual(
    [],
  );
  expect(outcomes.filter((o) => (o.reply.status ?? 0) >= 500).length).toBe(0);

  // Rows: one delivery for each accepted request that was not a duplicate, none for anything refused.
  const accepted = outcomes.filter((o) => isSuccess(o.reply));
  const fresh = accepted.filter((o) => JSON.parse(o.reply.body).duplicate !== true);
  const [rows] = await db.query<{ deliveries: number }>("select count(*)::int as deliveries from deliveries");
  expect(rows?.deliveries).toBe(fresh.length);
  const freshEvents = new Set(
    fresh.flatMap((o) => {
      const body = JSON.parse(o.reply.body) as { outcome?: string; eventId?: string };
      return body.outcome === "ingested" && body.eventId ? [body.eventId] : [];
    }),
  );
  // The control group went through, so the counts above compare something.
  expect(outcomes.filter((o) => o.fuzz.kind === "valid" && o.reply.status === 202).length).toBeGreaterThan(0);

  // No forged event, whatever else happened, was stored or recorded.
  const forgedIds = outcomes.flatMap((o) => (o.fuzz.forgedEventId ? [o.fuzz.forgedEventId] : []));
  expect(forgedIds.length).toBeGreaterThan(0);
  const leaked = await db.query<{ id: string }>(
    `select id from events where id = any($1)
     union all select dedupe_key from deliveries where body #>> '{data,error,event_id}' = any($1)`,
    [forgedIds],
  );
  expect(leaked).toEqual([]);

  // What was accepted can be worked on: every store and analysis it queued completes, and each
  // accepted event is stored once (the worker stores events after the answer).
  expect(await waitForDrainedQueue(db, 60_000)).toBe(true);
  const failed = await db.query<{ subject_id: string; last_error: string }>(
    "select subject_id, last_error from jobs where status = 'failed'",
  );
  expect(failed).toEqual([]);
  const [stored] = await db.query<{ events: number }>("select count(*)::int as events from events");
  expect(stored?.events).toBe(freshEvents.size);
});
