import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { listEventPartitions, monthStart } from "./event-partitions";

export type ExpiredEvents = { droppedPartitions: string[]; events: number; issues: number };

const HOUR_MS = 3_600_000;

/**
 * Deletes every event older than `cutoff` (rounded down to its UTC hour, the rollups' bucket) and
 * takes them out of every rollup, in one transaction: whole months are dropped as partitions, the
 * rest of the expired rows (the month the cutoff falls in, the default partition) deleted.
 *
 * The rollups are corrected from the expired rows alone, read once before they go, so the cost is
 * that of the expired events and the issues they belonged to, never of all events: the (user,
 * tenant, roles) tallies lose the expired counts (a tally at zero goes, and with it users and tenants
 * no remaining tally names), event, user and tenant counts follow, hours before the cutoff leave the
 * hourly rollups, and tenants seen last before it leave the tenant rollups. An issue whose oldest
 * events expired has its first seen moved to its oldest remaining event; one left with none keeps
 * its seen range and counts zero. Event reads wait while it runs: dropping a partition locks the
 * table, and the lock is taken first so no event is stored past the tally.
 */
export async function expireEvents(db: Database, before: Date): Promise<ExpiredEvents> {
  const cutoff = new Date(Math.floor(before.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table events in access exclusive mode`);
    const droppable = (await listEventPartitions(tx)).filter(
      (p) => monthStart(p.month, 1).getTime() <= Date.parse(cutoff),
    );
    await tx.execute(sql`create temporary table expired on commit drop as
      select issue_id, user_id, tenant_id,
        md5(coalesce('u' || user_id, '') || chr(31) || coalesce('t' || tenant_id, '') || chr(31) || array_to_string(roles, chr(31))) as identity_key,
        count(*)::bigint as events
      from events where occurred_at < ${cutoff}::timestamptz
      group by issue_id, user_id, tenant_id, roles`);
    // A temporary table has no statistics until analysed: without them the joins below were planned
    // as nested loops over thousands of rows.
    await tx.execute(sql`analyze expired`);
    const [totals] = rowsOf<{ events: string | number; issues: string | number }>(
      await tx.execute(
        sql`select coalesce(sum(events), 0) as events, count(distinct issue_id) as issues from expired`,
      ),
    );
    for (const partition of droppable) await tx.execute(sql`drop table ${sql.identifier(partition.name)}`);
    await tx.execute(sql`delete from events where occurred_at < ${cutoff}::timestamptz`);
    await tx.execute(sql`delete from event_ids where occurred_at < ${cutoff}::timestamptz`);

    // Issue rollups: the tallies lose what expired; users and tenants no remaining tally names go
    // (set differences, before the emptied tallies are deleted: probing them one pair at a time
    // through the dead rows this transaction leaves was a hundred times slower).
    await tx.execute(sql`update issue_identities ii set events = ii.events - x.events
      from (select issue_id, identity_key, sum(events) as events from expired group by 1, 2) x
      where ii.issue_id = x.issue_id and ii.identity_key = x.identity_key`);
    const gone = (column: "user_id" | "tenant_id") => sql`(
      select issue_id, ${sql.identifier(column)} as id from expired where ${sql.identifier(column)} is not null
      except
      select ii.issue_id, ii.${sql.identifier(column)} from issue_identities ii
      where ii.${sql.identifier(column)} is not null and ii.events > 0 and ii.issue_id in (select issue_id from expired))`;
    await tx.execute(sql`delete from issue_users u using ${gone("user_id")} g
      where u.issue_id = g.issue_id and u.user_id = g.id`);
    await tx.execute(sql`delete from issue_tenants t using ${gone("tenant_id")} g
      where t.issue_id = g.issue_id and t.tenant_id = g.id`);
    // A release or environment stays while an event newer than the cutoff carries it: its newest
    // hour says so (the cutoff is an hour boundary).
    await tx.execute(sql`delete from issue_releases r using (select distinct issue_id from expired) x
      where r.issue_id = x.issue_id and r.last_hour < ${cutoff}::timestamptz`);
    await tx.execute(sql`delete from issue_environments v using (select distinct issue_id from expired) x
      where v.issue_id = x.issue_id and v.last_hour < ${cutoff}::timestamptz`);
    await tx.execute(sql`delete from issue_identities ii using (select distinct issue_id, identity_key from expired) x
      where ii.issue_id = x.issue_id and ii.identity_key = x.identity_key and ii.events <= 0`);
    await tx.execute(sql`update issues i set event_count = i.event_count - x.events,
        user_count = (select count(*) from issue_users u where u.issue_id = i.id),
        tenant_count = (select count(*) from issue_tenants t where t.issue_id = i.id),
        first_seen = coalesce((select e.occurred_at from events e where e.issue_id = i.id
          and e.occurred_at >= ${cutoff}::timestamptz order by e.occurred_at limit 1), i.first_seen)
      from (select issue_id, sum(events) as events from expired group by 1) x
      where i.id = x.issue_id`);

    // Hourly rollups: only the expired events' issues and tenants have hours before the cutoff.
    await tx.execute(sql`delete from pending_event_hours p using (select distinct issue_id from expired) x
      where p.issue_id = x.issue_id and p.hour < ${cutoff}::timestamptz`);
    await tx.execute(sql`delete from issue_hour_identities h using (select distinct issue_id from expired) x
      where h.issue_id = x.issue_id and h.hour < ${cutoff}::timestamptz`);
    await tx.execute(sql`delete from issue_hours h using (select distinct issue_id from expired) x
      where h.issue_id = x.issue_id and h.hour < ${cutoff}::timestamptz`);
    const tenants = sql`(select distinct tenant_id from expired where tenant_id is not null)`;
    await tx.execute(sql`delete from tenant_hours h using ${tenants} x
      where h.tenant_id = x.tenant_id and h.hour < ${cutoff}::timestamptz`);
    await tx.execute(sql`delete from tenant_identities ti using ${tenants} x
      where ti.tenant_id = x.tenant_id and ti.last_hour < ${cutoff}::timestamptz`);
    await tx.execute(sql`delete from tenant_activity a using ${tenants} x
      where a.tenant_id = x.tenant_id and a.last_seen < ${cutoff}::timestamptz`);
    return {
      droppedPartitions: droppable.map((p) => p.name),
      events: Number(totals?.events ?? 0),
      issues: Number(totals?.issues ?? 0),
    };
  });
}
