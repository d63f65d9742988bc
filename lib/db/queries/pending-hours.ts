import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import {
  issueHourIdentities,
  issueHours,
  issueIdentities,
  pendingEventHours,
  tenantHours,
  tenantIdentities,
} from "../schema";

/**
 * Moves the issue's pending event hours (written by the webhook's statement) into the hourly
 * rollup, its events-per-hour twin (issue_hours) and the tenants' rollups (tenant_hours,
 * tenant_identities), in one
 * statement: each pending row is deleted by exactly one caller and counted once, whoever else runs
 * this at the same time. The analysis job calls it before reading the rollup; every new event
 * queues one, so no hour stays pending past the worker's lag. The tenant rows are shared by every
 * issue of the tenant: each CTE takes its locks in key order, and the final select reads the CTEs
 * in one order, so two callers never wait on each other in a cycle.
 */
export async function rollUpPendingHours(db: Database, issueId: string): Promise<void> {
  await db.execute(sql`
    with moved as (
      delete from ${pendingEventHours} where issue_id = ${issueId}
      returning hour, identity_key, user_id, tenant_id),
    hourly as (
      insert into ${issueHourIdentities} (issue_id, hour, identity_key, user_id, tenant_id, events)
      select ${issueId}, hour, identity_key, min(user_id), min(tenant_id), count(*) from moved
      group by hour, identity_key
      order by hour, identity_key
      on conflict (issue_id, hour, identity_key) do update
        set events = ${issueHourIdentities}.events + excluded.events
      returning 1),
    issue_hourly as (
      insert into ${issueHours} (issue_id, hour, events)
      select ${issueId}, hour, count(*) from moved
      group by hour
      order by hour
      on conflict (issue_id, hour) do update set events = ${issueHours}.events + excluded.events
      returning 1),
    tenant_hourly as (
      insert into ${tenantHours} (tenant_id, hour, events)
      select tenant_id, hour, count(*) from moved where tenant_id is not null
      group by tenant_id, hour
      order by tenant_id, hour
      on conflict (tenant_id, hour) do update set events = ${tenantHours}.events + excluded.events
      returning 1),
    -- The roles are the identity's (its key is md5 of user, tenant and roles), from the tally the
    -- same webhook statement wrote with the pending row.
    tenant_identity as (
      insert into ${tenantIdentities} (tenant_id, identity_key, user_id, roles, last_hour)
      select m.tenant_id, m.identity_key, min(m.user_id), coalesce(min(ii.roles), '{}'), max(m.hour)
      from moved m left join ${issueIdentities} ii on ii.issue_id = ${issueId} and ii.identity_key = m.identity_key
      where m.tenant_id is not null
      group by m.tenant_id, m.identity_key
      order by m.tenant_id, m.identity_key
      on conflict (tenant_id, identity_key) do update
        set last_hour = greatest(${tenantIdentities}.last_hour, excluded.last_hour)
      returning 1)
    select (select count(*) from hourly) as hourly, (select count(*) from issue_hourly) as issue_hourly,
      (select count(*) from tenant_hourly) as tenant_hourly,
      (select count(*) from tenant_identity) as tenant_identity`);
}
