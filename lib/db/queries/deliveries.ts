import { eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { executePrepared } from "../execute-prepared";
import { groupCommit } from "../group-commit";
import { deliveries, jobs } from "../schema";
import { isDatabaseUnavailable } from "../unavailable";

/**
 * A delivery to record. `bodyJson` is the body as JSON text, stored as jsonb by PostgreSQL itself:
 * the caller passes the request's own text when it is storable, so a body is never re-serialised.
 */
export type NewDelivery = Omit<typeof deliveries.$inferInsert, "body" | "id"> & { bodyJson: string };

// Two statements in flight leave one batch forming while the other commits; the pool (10 by
// default) keeps clients for the API and the worker.
const GROUP_MAX_IN_FLIGHT = 2;
const GROUP_MAX_BATCH = 64;

const p = (name: string) => sql.placeholder(`delivery_${name}`);

/**
 * The delivery's insert, `returning id` only when it is new: Sentry retries with a new Request-ID,
 * so a retry is recognised by the unique dedupe key. Its values come from deliveryValues().
 */
const deliveryInsert: SQL = sql`insert into ${deliveries}
    (request_id, resource, action, dedupe_key, installation_uuid, outcome, body, received_at)
  values (${p("request_id")}::text, ${p("resource")}::text, ${p("action")}::text, ${p("dedupe_key")}::text,
    ${p("installation_uuid")}::text, ${p("outcome")}::text, ${p("body")}::text::jsonb,
    coalesce(${p("received_at")}::timestamptz, now()))
  on conflict (dedupe_key) do nothing
  returning id`;

/** A delivery's columns other than its body, by column name, as both statements take them. */
function deliveryColumns(delivery: NewDelivery) {
  return {
    request_id: delivery.requestId ?? null,
    resource: delivery.resource,
    action: delivery.action,
    dedupe_key: delivery.dedupeKey,
    installation_uuid: delivery.installationUuid ?? null,
    outcome: delivery.outcome,
    received_at: delivery.receivedAt?.toISOString() ?? null,
  };
}

function deliveryValues(delivery: NewDelivery): Record<string, unknown> {
  const values: Record<string, unknown> = { delivery_body: delivery.bodyJson };
  for (const [column, value] of Object.entries(deliveryColumns(delivery)))
    values[`delivery_${column}`] = value;
  return values;
}

/** Returns false when a delivery with the same dedupe key was stored before (a Sentry retry). */
export async function insertDelivery(db: Database, delivery: NewDelivery): Promise<boolean> {
  const rows = await executePrepared(db, "sift_insert_delivery", deliveryInsert, deliveryValues(delivery));
  return rows.length > 0;
}

// Many deliveries and their jobs in one statement. The rows travel as one JSON array whose bodies
// are spliced in as the JSON text they already are: a text[] parameter would have node-postgres
// escape every character of every body (measured: 14 µs a body, the costliest step of the
// webhook's own code after zod), and PostgreSQL parses each body as jsonb either way.
const insertDeliveriesWithJobStatement = sql`with delivery as (
    insert into ${deliveries}
      (request_id, resource, action, dedupe_key, installation_uuid, outcome, body, received_at)
    select request_id, resource, action, dedupe_key, installation_uuid, outcome, body,
      coalesce(received_at, now())
    from jsonb_to_recordset(${sql.placeholder("rows")}::text::jsonb)
      as d(request_id text, resource text, action text, dedupe_key text, installation_uuid text,
        outcome text, body jsonb, received_at timestamptz)
    on conflict (dedupe_key) do nothing
    returning id, dedupe_key),
  job as (insert into ${jobs} (kind, subject_id) select ${sql.placeholder("job_kind")}::text, id::text from delivery)
  select dedupe_key from delivery`;

/** A delivery as one element of the statement's JSON array: its fields, then its body as is. */
function deliveryRowJson(delivery: NewDelivery): string {
  return `${JSON.stringify(deliveryColumns(delivery)).slice(0, -1)},"body":${delivery.bodyJson}}`;
}

/**
 * Records deliveries and queues `jobKind` for each new one, in one statement (one commit). Returns,
 * per delivery, whether it is new: false for a key stored before (a Sentry retry) and for a key
 * that an earlier delivery of the same call carries — that one is stored as the call commits.
 */
export async function insertDeliveriesWithJob(
  db: Database,
  batch: NewDelivery[],
  jobKind: string,
): Promise<boolean[]> {
  // Sorted by key: two statements inserting the same keys (a retry racing its original) then take
  // their index entries in one order and wait for each other instead of deadlocking.
  const byKey = new Map<string, NewDelivery>();
  for (const d of batch) if (!byKey.has(d.dedupeKey)) byKey.set(d.dedupeKey, d);
  const firstOfKey = [...byKey.values()].sort((a, b) =>
    a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0,
  );
  const rows = await executePrepared<{ dedupe_key: string }>(
    db,
    "sift_insert_deliveries_with_job",
    insertDeliveriesWithJobStatement,
    { rows: `[${firstOfKey.map(deliveryRowJson).join(",")}]`, job_kind: jobKind },
  );
  const inserted = new Set(rows.map((row) => row.dedupe_key));
  return batch.map((d) => byKey.get(d.dedupeKey) === d && inserted.has(d.dedupeKey));
}

// The webhook's hot path writes through one group commit per database and job kind.
const groups = new WeakMap<Database, Map<string, (delivery: NewDelivery) => Promise<boolean>>>();

/**
 * Records a delivery and queues `jobKind` for it (the job's subject is the delivery's id), both
 * committed before this resolves: the webhook's hot path, where storing what the delivery carries
 * follows the commit. Deliveries arriving together share one statement (groupCommit). Returns
 * false, writing nothing, when the delivery was stored before (a Sentry retry).
 */
export function insertDeliveryWithJob(
  db: Database,
  delivery: NewDelivery,
  jobKind: string,
): Promise<boolean> {
  let byKind = groups.get(db);
  if (!byKind) {
    byKind = new Map();
    groups.set(db, byKind);
  }
  let insert = byKind.get(jobKind);
  if (!insert) {
    insert = groupCommit((batch: NewDelivery[]) => insertDeliveriesWithJob(db, batch, jobKind), {
      maxBatch: GROUP_MAX_BATCH,
      maxInFlight: GROUP_MAX_IN_FLIGHT,
      retryAlone: (error) => !isDatabaseUnavailable(error),
    });
    byKind.set(jobKind, insert);
  }
  return insert(delivery);
}

export type StoredDelivery = { id: number; resource: string; bodyJson: string; receivedAt: Date };

/** A delivery's resource and body as stored (the body as JSON text), or null when there is none. */
export async function getDelivery(db: Database, id: number): Promise<StoredDelivery | null> {
  const [row] = await db
    .select({
      id: deliveries.id,
      resource: deliveries.resource,
      bodyJson: sql<string>`${deliveries.body}::text`,
      receivedAt: deliveries.receivedAt,
    })
    .from(deliveries)
    .where(eq(deliveries.id, id));
  return row ?? null;
}
