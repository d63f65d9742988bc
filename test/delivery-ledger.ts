import { EVENT_PARTITIONS_JOB } from "@/lib/ingest/event-partitions-job";
import type { ScratchDatabase } from "./scratch-database";
import { errorCreatedBody } from "./sentry-webhook";
import { isSuccess, mapConcurrently, type Reply, type Sender, signedRequest } from "./webhook-sender";

// What a burst sent and what Sift answered, and the checks that what it acknowledged is stored once,
// counted once and analysed.

export type ErrorDelivery = { body: string; eventId: string; issueId: string };

/**
 * `count` error.created deliveries spread round-robin over `issues` fresh issues (or over the given
 * issue ids), with several users, tenants and roles.
 */
export function errorDeliveries(count: number, issues: number | readonly string[]): ErrorDelivery[] {
  // Consecutive ids from one random base: unique within the burst and unlikely to meet another run's.
  const base = Date.now() * 1000 + Math.floor(Math.random() * 1000) * 1_000_000;
  const issueIds =
    typeof issues === "number" ? Array.from({ length: issues }, (_, i) => String(base + i)) : issues;
  return Array.from({ length: count }, (_, i) => {
    const issueId = issueIds[i % issueIds.length] as string;
    const { body, eventId } = errorCreatedBody({
      issueId,
      user: { id: `user-${i % 13}`, tenant_id: `tenant-${i % 5}`, roles: i % 3 ? ["member"] : ["admin"] },
    });
    return { body, eventId, issueId };
  });
}

export function sendDeliveries(
  sender: Sender,
  deliveries: readonly ErrorDelivery[],
  secret: string,
  concurrency: number,
): Promise<Reply[]> {
  return mapConcurrently(deliveries, concurrency, (d) => sender.post(signedRequest("error", d.body, secret)));
}

/**
 * Sends again, as Sentry does (new Request-ID and signature), every delivery that has no 2xx yet, in
 * rounds a little apart, until each has one or `deadlineMs` passes; returns those still without one.
 */
export async function resendUntilAcknowledged(
  sender: Sender,
  deliveries: readonly ErrorDelivery[],
  replies: Reply[],
  secret: string,
  options: { concurrency: number; deadlineMs: number },
): Promise<{ unacknowledged: number[]; duplicates: number }> {
  const deadline = Date.now() + options.deadlineMs;
  let pending = replies.flatMap((reply, i) => (isSuccess(reply) ? [] : [i]));
  let duplicates = 0;
  while (pending.length > 0 && Date.now() < deadline) {
    const again = await mapConcurrently(pending, options.concurrency, (i) =>
      sender.post(signedRequest("error", (deliveries[i] as ErrorDelivery).body, secret)),
    );
    for (const [k, reply] of again.entries()) {
      const index = pending[k] as number;
      replies[index] = reply;
      if (isSuccess(reply) && JSON.parse(reply.body).duplicate === true) duplicates++;
    }
    pending = pending.filter((i) => !isSuccess(replies[i] as Reply));
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { unacknowledged: pending, duplicates };
}

// event_partitions is upkeep every worker keeps queued an hour ahead: waiting so, it is never
// "open" work; running or failed, it is. ($1 is EVENT_PARTITIONS_JOB.)
const waitingUpkeep = "(kind = $1 and status = 'queued')";

/** Waits until no job is queued or running (the workers drained the queue); false on timeout. */
export async function waitForDrainedQueue(db: ScratchDatabase, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await db.query<{ open: number }>(
      `select count(*)::int as open from jobs where status in ('queued', 'running') and not ${waitingUpkeep}`,
      [EVENT_PARTITIONS_JOB],
    );
    if (row?.open === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

type Count = { key: string; n: number };

function compareCounts(what: string, expected: readonly string[], rows: Count[]): string[] {
  const problems: string[] = [];
  const found = new Map(rows.map((r) => [r.key, r.n]));
  const wanted = new Set(expected);
  for (const key of wanted) {
    const n = found.get(key) ?? 0;
    if (n !== 1) problems.push(`${what} ${key} stored ${n} times`);
  }
  for (const [key, n] of found)
    if (!wanted.has(key)) problems.push(`${what} ${key} was never sent (${n} rows)`);
  return problems;
}

/**
 * Everything that can be wrong after `deliveries` were all acknowledged and the queue drained: a
 * delivery or event missing, stored twice or unexpected; an issue's counters or identity rollup not
 * matching its events (counted twice); an issue whose newest analysis does not cover all its events;
 * a job still open or given up. An empty list means nothing was lost or doubled.
 */
export async function findLedgerProblems(
  db: ScratchDatabase,
  deliveries: readonly ErrorDelivery[],
): Promise<string[]> {
  const problems: string[] = [];
  const deliveryRows = await db.query<Count>(
    "select dedupe_key as key, count(*)::int as n from deliveries group by dedupe_key",
  );
  problems.push(
    ...compareCounts(
      "delivery",
      deliveries.map((d) => `error:created:${d.eventId.toLowerCase()}`),
      deliveryRows,
    ),
  );
  const eventRows = await db.query<Count>("select id as key, count(*)::int as n from events group by id");
  problems.push(
    ...compareCounts(
      "event",
      deliveries.map((d) => d.eventId.toLowerCase()),
      eventRows,
    ),
  );

  const perIssue = await db.query<{
    id: string;
    events: number;
    counted: number;
    identities: number | null;
    analysed: number | null;
  }>(`
    select i.id,
      (select count(*)::int from events e where e.issue_id = i.id) as events,
      i.event_count::int as counted,
      (select sum(events)::int from issue_identities r where r.issue_id = i.id) as identities,
      (select (a.blast_radius->>'events')::int from analyses a where a.issue_id = i.id
        order by a.version desc limit 1) as analysed
    from issues i`);
  const issueIds = new Set(deliveries.map((d) => d.issueId));
  for (const issue of perIssue) {
    if (!issueIds.has(issue.id)) problems.push(`issue ${issue.id} was never sent`);
    if (issue.counted !== issue.events)
      problems.push(`issue ${issue.id}: counted ${issue.counted} of ${issue.events} events`);
    if (issue.identities !== issue.events)
      problems.push(`issue ${issue.id}: identity rollup holds ${issue.identities} of ${issue.events} events`);
    if (issue.analysed === null) problems.push(`issue ${issue.id} has no analysis`);
    else if (issue.analysed !== issue.events)
      problems.push(`issue ${issue.id}: newest analysis covers ${issue.analysed} of ${issue.events} events`);
  }
  if (perIssue.length !== issueIds.size)
    problems.push(`${perIssue.length} issues stored, ${issueIds.size} sent`);

  const open = await db.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from jobs where status <> 'done' and not ${waitingUpkeep} group by status`,
    [EVENT_PARTITIONS_JOB],
  );
  for (const row of open) problems.push(`${row.n} jobs ${row.status}`);
  return problems;
}
