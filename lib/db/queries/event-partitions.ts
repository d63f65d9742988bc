import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";

/**
 * The events table is partitioned by month of occurred_at (UTC), one partition per month named
 * events_YYYY_MM, and events_default for anything outside them (migration 0021), so an insert
 * never fails for want of a partition. These keep months ahead and expire whole months.
 */
export const DEFAULT_EVENT_PARTITION = "events_default";

const PARTITION_NAME = /^events_(\d{4})_(\d{2})$/;

/** The start of the UTC month `at` falls in, moved by `months`. */
export function monthStart(at: Date, months = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

export function partitionNameOf(month: Date): string {
  return `events_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The month partitions there are, oldest first, with the start of their month. */
export async function listEventPartitions(db: Database): Promise<{ name: string; month: Date }[]> {
  const result = await db.execute(sql`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'events'::regclass`);
  return rowsOf<{ name: string }>(result)
    .flatMap(({ name }) => {
      const match = PARTITION_NAME.exec(name);
      return match ? [{ name, month: new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) }] : [];
    })
    .sort((a, b) => a.month.getTime() - b.month.getTime());
}

/**
 * Creates the partition of one month. Rows of that month already in the default partition (an event
 * stored before its month had a partition) are moved into it: the partition is made as a plain table,
 * filled, then attached, all in one transaction (attaching checks the default partition holds none).
 */
export async function createEventPartition(db: Database, month: Date): Promise<void> {
  const from = monthStart(month);
  const to = monthStart(month, 1);
  const name = sql.identifier(partitionNameOf(from));
  // Bounds are DDL, which takes no parameters: these are ISO strings made here.
  const bound = (at: Date) => sql.raw(`'${at.toISOString()}'`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`create table ${name} (like events including defaults)`);
    await tx.execute(sql`with moved as (
        delete from ${sql.identifier(DEFAULT_EVENT_PARTITION)}
        where occurred_at >= ${from.toISOString()}::timestamptz and occurred_at < ${to.toISOString()}::timestamptz
        returning *)
      insert into ${name} select * from moved`);
    await tx.execute(
      sql`alter table events attach partition ${name} for values from (${bound(from)}) to (${bound(to)})`,
    );
  });
}

/**
 * Makes sure every month from `now`'s to `monthsAhead` after it has its partition, and every month
 * of rows waiting in the default partition from `oldest` (the retention's cutoff; older rows are
 * about to expire) up to that horizon. Returns the partitions created.
 */
export async function ensureEventPartitions(
  db: Database,
  options: { now: Date; monthsAhead: number; oldest?: Date | null },
): Promise<string[]> {
  const first = monthStart(options.now);
  const last = monthStart(options.now, options.monthsAhead);
  const wanted = new Map<string, Date>();
  for (let month = first; month <= last; month = monthStart(month, 1))
    wanted.set(partitionNameOf(month), month);
  const waiting = await db.execute(sql`
    select distinct date_trunc('month', occurred_at, 'UTC') as month from ${sql.identifier(DEFAULT_EVENT_PARTITION)}
    where occurred_at < ${monthStart(last, 1).toISOString()}::timestamptz
      and occurred_at >= ${(options.oldest ?? new Date(0)).toISOString()}::timestamptz`);
  for (const row of rowsOf<{ month: Date | string }>(waiting)) {
    const month = monthStart(new Date(row.month));
    wanted.set(partitionNameOf(month), month);
  }
  const existing = new Set((await listEventPartitions(db)).map((p) => p.name));
  const created: string[] = [];
  for (const [name, month] of [...wanted].sort((a, b) => a[1].getTime() - b[1].getTime())) {
    if (existing.has(name)) continue;
    await createEventPartition(db, month);
    created.push(name);
  }
  return created;
}
