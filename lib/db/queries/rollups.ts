import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { eventSearchText } from "../event-search";

/**
 * Recomputes every issue's rollups (issue_users, issue_tenants, issue_releases, issue_environments, issue_search_texts, issue_identities, the hourly
 * issue_hour_identities and issue_hours, with nothing left pending, and the counts on issues) and the tenants'
 * (tenant_activity, tenant_hours, tenant_identities) from the events table, in
 * one transaction. insertEvent keeps them current; this is for
 * events written around it (bulk loads, the benchmark's SQL seed). Also lowers an issue's first seen to
 * its oldest stored event's and raises its last seen to its newest's, as the store statements do.
 * The identity key matches insertEvent's.
 */
export async function rebuildIssueRollups(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`truncate issue_users, issue_tenants, issue_releases, issue_environments, issue_search_texts, issue_identities, issue_hour_identities, issue_hours, pending_event_hours, tenant_activity, tenant_hours, tenant_identities`,
    );
    await tx.execute(sql`
      insert into issue_users (issue_id, user_id)
      select distinct issue_id, user_id from events where user_id is not null`);
    await tx.execute(sql`
      insert into issue_tenants (issue_id, tenant_id)
      select distinct issue_id, tenant_id from events where tenant_id is not null`);
    // The hour is the UTC hour, as hourOf (queries/events.ts) computes it for each new event.
    await tx.execute(sql`
      insert into issue_releases (issue_id, release, last_hour)
      select issue_id, release, date_trunc('hour', max(occurred_at), 'UTC') from events
      where release is not null group by issue_id, release`);
    await tx.execute(sql`
      insert into issue_environments (issue_id, environment, last_hour)
      select issue_id, environment, date_trunc('hour', max(occurred_at), 'UTC') from events
      where environment is not null group by issue_id, environment`);
    await tx.execute(sql`
      insert into issue_search_texts (issue_id, text_key, words)
      select issue_id, md5(text), to_tsvector('simple', text)
      from (select distinct issue_id, ${eventSearchText(sql`message`, sql`exception_value`)} as text from events) texts`);
    await tx.execute(sql`
      insert into issue_identities (issue_id, identity_key, user_id, tenant_id, roles, events)
      select issue_id,
             md5(coalesce('u' || user_id, '') || chr(31) || coalesce('t' || tenant_id, '') || chr(31) || array_to_string(roles, chr(31))),
             user_id, tenant_id, roles, count(*)
      from events group by issue_id, user_id, tenant_id, roles`);
    // The UTC hour again, as for the release and environment rollups above.
    await tx.execute(sql`
      insert into issue_hour_identities (issue_id, hour, identity_key, user_id, tenant_id, events)
      select issue_id, date_trunc('hour', occurred_at, 'UTC'),
             md5(coalesce('u' || user_id, '') || chr(31) || coalesce('t' || tenant_id, '') || chr(31) || array_to_string(roles, chr(31))),
             user_id, tenant_id, count(*)
      from events group by 1, 2, 3, 4, 5`);
    await tx.execute(sql`
      insert into tenant_activity (tenant_id, last_seen)
      select tenant_id, max(hour) from issue_hour_identities where tenant_id is not null group by 1`);
    await tx.execute(sql`
      insert into issue_hours (issue_id, hour, events)
      select issue_id, hour, sum(events) from issue_hour_identities group by 1, 2`);
    await tx.execute(sql`
      insert into tenant_hours (tenant_id, hour, events)
      select tenant_id, hour, sum(events) from issue_hour_identities where tenant_id is not null group by 1, 2`);
    await tx.execute(sql`
      insert into tenant_identities (tenant_id, identity_key, user_id, roles, last_hour)
      select h.tenant_id, h.identity_key, min(h.user_id), coalesce(min(ii.roles), '{}'), max(h.hour)
      from issue_hour_identities h
      left join issue_identities ii on ii.issue_id = h.issue_id and ii.identity_key = h.identity_key
      where h.tenant_id is not null group by 1, 2`);
    await tx.execute(sql`
      update issues i set
        event_count = (select count(*) from events e where e.issue_id = i.id),
        -- Lookups bound an issue's events by its seen range (see listRecentEvents): all must be inside.
        first_seen = least(i.first_seen, (select min(occurred_at) from events e where e.issue_id = i.id)),
        last_seen = greatest(i.last_seen, (select max(occurred_at) from events e where e.issue_id = i.id)),
        user_count = (select count(*) from issue_users u where u.issue_id = i.id),
        tenant_count = (select count(*) from issue_tenants t where t.issue_id = i.id)`);
  });
}
