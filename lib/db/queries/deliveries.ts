import { eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { executePrepared } from "../execute-prepared";
import { deliveries, jobs } from "../schema";

/**
 * A delivery to record. `bodyJson` is the body as JSON text, stored as jsonb by PostgreSQL itself:
 * the caller passes the request's own text when it is storable, so a body is never re-serialised.
 */
export type NewDelivery = Omit<typeof deliveries.$inferInsert, "body" | "id"> & { bodyJson: string };

const p = (name: string) => sql.placeholder(`delivery_${name}`);

/**
 * The delivery's insert, `returning id` only when it is new: Sentry retries with a new Request-ID,
 * so a retry is recognised by the unique dedupe key. Its values come from deliveryValues(); it is
 * also the first CTE of single-statement writes.
 */
export const deliveryInsert: SQL = sql`insert into ${deliveries}
    (request_id, resource, action, dedupe_key, installation_uuid, outcome, body, received_at)
  values (${p("request_id")}::text, ${p("resource")}::text, ${p("action")}::text, ${p("dedupe_key")}::text,
    ${p("installation_uuid")}::text, ${p("outcome")}::text, ${p("body")}::text::jsonb,
    coalesce(${p("received_at")}::timestamptz, now()))
  on conflict (dedupe_key) do nothing
  returning id`;

export function deliveryValues(delivery: NewDelivery): Record<string, unknown> {
  return {
    delivery_request_id: delivery.requestId ?? null,
    delivery_resource: delivery.resource,
    delivery_action: delivery.action,
    delivery_dedupe_key: delivery.dedupeKey,
    delivery_installation_uuid: delivery.installationUuid ?? null,
    delivery_outcome: delivery.outcome,
    delivery_body: delivery.bodyJson,
    delivery_received_at: delivery.receivedAt?.toISOString() ?? null,
  };
}

/** Returns false when a delivery with the same dedupe key was stored before (a Sentry retry). */
export async function insertDelivery(db: Database, delivery: NewDelivery): Promise<boolean> {
  const rows = await executePrepared(db, "sift_insert_delivery", deliveryInsert, deliveryValues(delivery));
  return rows.length > 0;
}

const insertDeliveryWithJobStatement = sql`with delivery as (${deliveryInsert}),
  job as (insert into ${jobs} (kind, subject_id) select ${sql.placeholder("job_kind")}::text, id::text from delivery returning 1)
  select (select count(*) from delivery)::int as delivery, (select count(*) from job)::int as job`;

/**
 * Records a delivery and queues `jobKind` for it (the job's subject is the delivery's id), in one
 * statement: the webhook's hot path, where storing what the delivery carries follows the commit.
 * Returns false, writing nothing, when the delivery was stored before (a Sentry retry).
 */
export async function insertDeliveryWithJob(
  db: Database,
  delivery: NewDelivery,
  jobKind: string,
): Promise<boolean> {
  const [row] = await executePrepared<{ delivery: number }>(
    db,
    "sift_insert_delivery_with_job",
    insertDeliveryWithJobStatement,
    { ...deliveryValues(delivery), job_kind: jobKind },
  );
  return row?.delivery === 1;
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
