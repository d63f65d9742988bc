import { and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { eventSearchDocument, eventSearchText } from "../event-search";
import { executePrepared } from "../execute-prepared";
import {
  deliveries,
  eventIds,
  events,
  issueEnvironments,
  issueIdentities,
  issueReleases,
  issueSearchTexts,
  issues,
  pendingEventHours,
} from "../schema";
import type { NewIssue } from "./issues";
import { analysisJobInsert } from "./jobs";
import { rollUpPendingHours } from "./pending-hours";
import type { NewProject } from "./projects";

export type NewEvent = typeof events.$inferInsert;
export type EventRow = typeof events.$inferSelect;

/** An event as a webhook delivers it, with its project and its issue. */
export type DeliveredEvent = {
  project: NewProject;
  issue: NewIssue;
  event: NewEvent;
  /** The issue's next analysis is queued when the event is new, no sooner than this after the last. */
  reanalyseAfterSeconds: number;
};

const p = (name: string) => sql.placeholder(name);
const text = (name: string) => sql`${p(name)}::text`;

// The same key as the 0002 migration's backfill, where array_to_string(roles, chr(31)) is this
// join; nulls stay distinct from empty strings.
const identityKey = sql`md5(coalesce('u' || ${text("user_id")}, '') || chr(31) || coalesce('t' || ${text("tenant_id")}, '') || chr(31) || ${text("roles_key")})`;

const searchText = eventSearchText(text("message"), text("exception_value"));

const HOUR_MS = 3_600_000;

/** The start of the UTC hour an instant falls in: the hourly rollup's bucket. */
export const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** The values of eventCtes' placeholders. */
function eventValues(event: NewEvent): Record<string, unknown> {
  const roles = event.roles ?? [];
  return {
    event_id: event.id,
    issue_id: event.issueId,
    project_id: event.projectId,
    occurred_at: event.occurredAt.toISOString(),
    occurred_hour: hourOf(event.occurredAt).toISOString(),
    platform: event.platform ?? null,
    title: event.title ?? null,
    message: event.message ?? null,
    exception_type: event.exceptionType ?? null,
    exception_value: event.exceptionValue ?? null,
    user_id: event.userId ?? null,
    tenant_id: event.tenantId ?? null,
    roles,
    roles_key: roles.join("\u001f"),
    release: event.release ?? null,
    environment: event.environment ?? null,
    trace_id: event.traceId ?? null,
    url: event.url ?? null,
    tags: JSON.stringify(event.tags),
    frames: JSON.stringify(event.frames),
    handled: event.handled ?? null,
  };
}

// Appended for rollUpPendingHours to move into the hourly and tenant rollups, see pendingEventHours.
const hourlyPending = sql`insert into ${pendingEventHours} (issue_id, hour, identity_key, user_id, tenant_id)
      select ${text("issue_id")}, ${p("occurred_hour")}::timestamptz, ${identityKey}, ${text("user_id")}, ${text("tenant_id")}
      from stored
      returning 1`;

/**
 * The event's release or environment on its issue's rollup row (issue_releases, issue_environments)
 * with the event's hour. The hour only moves forward: most events of an issue repeat its value and
 * hour and write nothing.
 */
function valueSeen(
  table: typeof issueReleases | typeof issueEnvironments,
  column: "release" | "environment",
): SQL {
  return sql`insert into ${table} (issue_id, ${sql.identifier(column)}, last_hour)
      select ${text("issue_id")}, ${text(column)}, ${p("occurred_hour")}::timestamptz
      from stored where ${text(column)} is not null
      on conflict (issue_id, ${sql.identifier(column)}) do update set last_hour = excluded.last_hour
        where ${table.lastHour} < excluded.last_hour
      returning 1`;
}

/**
 * The CTEs that store one event and its issue's rollups (event, user and tenant counts, the
 * (user, tenant, roles) tally the blast radius reads and its hourly twin the timeline reads, the
 * words of the event's text for the list's search when the issue had no event of that text), each
 * running only when `gate` has a row. The event's id is claimed in event_ids first (the events key
 * includes occurred_at, see eventIds): only a new claim writes the event. The event's hour is only appended as pending (no hourly row
 * is locked or written per event): rollUpPendingHours moves it into the hourly and tenant rollups.
 * `stored` yields a row when the event is new; a repeated event changes no rollup. The issue row
 * is written last (`issueWrite`, which reads the counts from stored, new_user and new_tenant),
 * after every rollup row: all writers take their locks in this one order, and the hot issue's
 * row is held for the shortest time.
 */
function eventCtes(gate: string, issueWrite: SQL): SQL {
  return sql`claimed as (
      insert into ${eventIds} (id, occurred_at)
      select ${text("event_id")}, ${p("occurred_at")}::timestamptz from ${sql.raw(gate)}
      on conflict (id) do nothing
      returning id),
    stored as (
      insert into ${events} (id, issue_id, project_id, occurred_at, platform, title, message, exception_type,
        exception_value, user_id, tenant_id, roles, release, environment, trace_id, url, tags, frames, handled)
      select ${text("event_id")}, ${text("issue_id")}, ${text("project_id")}, ${p("occurred_at")}::timestamptz,
        ${text("platform")}, ${text("title")}, ${text("message")}, ${text("exception_type")},
        ${text("exception_value")}, ${text("user_id")}, ${text("tenant_id")}, ${p("roles")}::text[], ${text("release")},
        ${text("environment")}, ${text("trace_id")}, ${text("url")}, ${p("tags")}::text::jsonb, ${p("frames")}::text::jsonb,
        ${p("handled")}::boolean
      from claimed
      returning id),
    new_user as (
      insert into issue_users (issue_id, user_id)
      select ${text("issue_id")}, ${text("user_id")} from stored where ${text("user_id")} is not null
      on conflict do nothing
      returning 1),
    new_tenant as (
      insert into issue_tenants (issue_id, tenant_id)
      select ${text("issue_id")}, ${text("tenant_id")} from stored where ${text("tenant_id")} is not null
      on conflict do nothing
      returning 1),
    release_seen as (${valueSeen(issueReleases, "release")}),
    environment_seen as (${valueSeen(issueEnvironments, "environment")}),
    tally as (
      insert into ${issueIdentities} (issue_id, identity_key, user_id, tenant_id, roles, events)
      select ${text("issue_id")}, ${identityKey}, ${text("user_id")}, ${text("tenant_id")}, ${p("roles")}::text[], 1
      from stored
      on conflict (issue_id, identity_key) do update set events = issue_identities.events + 1
      returning 1),
    search_text as (
      insert into ${issueSearchTexts} (issue_id, text_key, words)
      select ${text("issue_id")}, md5(${searchText}), ${eventSearchDocument(text("message"), text("exception_value"))}
      from stored
      -- Most events repeat a text their issue has: their words are not made only to be thrown away.
      where not exists (select from ${issueSearchTexts}
        where issue_id = ${text("issue_id")} and text_key = md5(${searchText}))
      on conflict do nothing
      returning 1),
    hourly as (${hourlyPending}),
    issue as (${issueWrite})`;
}

// The final select reads the CTEs in lock order (an uncorrelated subquery runs when first read;
// a CTE nobody reads would run after all the others).
const readInLockOrder = (names: string[]) =>
  sql.raw(names.map((name) => `(select count(*) from ${name})::int as ${name}`).join(", "));

const insertEventStatement = sql`with go as (select),
  ${eventCtes(
    "go",
    sql`update issues set event_count = event_count + (select count(*) from stored),
      user_count = user_count + (select count(*) from new_user),
      first_seen = least(first_seen, ${p("occurred_at")}::timestamptz),
      last_seen = greatest(last_seen, ${p("occurred_at")}::timestamptz),
      tenant_count = tenant_count + (select count(*) from new_tenant)
      where id = ${text("issue_id")} and exists (select from stored)
      returning 1`,
  )}
  select ${readInLockOrder(["claimed", "stored", "new_user", "new_tenant", "release_seen", "environment_seen", "tally", "search_text", "hourly", "issue"])}`;

/**
 * Stores one event, as the API gives it, and its issue's rollups: one statement, then its hour moved
 * into the hourly and tenant rollups at once (off the webhook's path, nothing waits for a job; should
 * the second statement fail, the hour stays pending for the issue's next analysis). Returns false,
 * writing nothing, when the event was stored before: Sentry may deliver one event twice. The issue
 * row must exist.
 */
export async function insertEvent(db: Database, event: NewEvent): Promise<boolean> {
  const [row] = await executePrepared<{ stored: number }>(
    db,
    "sift_insert_event",
    insertEventStatement,
    eventValues(event),
  );
  if (row?.stored !== 1) return false;
  await rollUpPendingHours(db, event.issueId);
  return true;
}

// Gated by the delivery's row: a delivery deleted since (retention) stores nothing.
const storeEventOfDeliveryStatement = sql`with delivery as (
    select ${deliveries.id} from ${deliveries} where ${deliveries.id} = ${sql.placeholder("delivery_id")}::bigint),
  project_created as (
    insert into projects (id, slug, name, platform)
    select ${text("project_id")}, ${text("project_slug")}, ${text("project_name")}, ${text("project_platform")}
    from delivery
    on conflict (id) do nothing
    returning 1),
  project_widened as (
    update projects set slug = coalesce(${text("project_slug")}, slug), name = coalesce(${text("project_name")}, name),
      platform = coalesce(${text("project_platform")}, platform)
    where id = ${text("project_id")} and exists (select from delivery)
      and ((${text("project_slug")} is not null and slug is distinct from ${text("project_slug")})
        or (${text("project_name")} is not null and name is distinct from ${text("project_name")})
        or (${text("project_platform")} is not null and platform is distinct from ${text("project_platform")}))
    returning 1),
  ${eventCtes(
    "delivery",
    sql`insert into issues (id, short_id, project_id, title, culprit, level, status, platform, permalink,
        first_seen, last_seen, event_count, user_count, tenant_count)
      select ${text("issue_id")}, ${text("issue_short_id")}, ${text("project_id")}, ${text("issue_title")},
        ${text("issue_culprit")}, ${text("issue_level")}, ${text("issue_status")}, ${text("issue_platform")},
        ${text("issue_permalink")}, least(${p("issue_first_seen")}::timestamptz, ${p("occurred_at")}::timestamptz),
        greatest(${p("issue_last_seen")}::timestamptz, ${p("occurred_at")}::timestamptz),
        (select count(*) from stored), (select count(*) from new_user), (select count(*) from new_tenant)
      from delivery
      on conflict (id) do update set
        first_seen = least(excluded.first_seen, issues.first_seen),
        last_seen = greatest(excluded.last_seen, issues.last_seen),
        permalink = coalesce(issues.permalink, excluded.permalink),
        updated_at = now(),
        event_count = issues.event_count + excluded.event_count,
        user_count = issues.user_count + excluded.user_count,
        tenant_count = issues.tenant_count + excluded.tenant_count
      returning 1`,
  )},
  job as (${analysisJobInsert("stored")})
  select ${readInLockOrder(["delivery", "project_created", "project_widened", "claimed", "stored", "new_user", "new_tenant", "release_seen", "environment_seen", "tally", "search_text", "hourly", "issue", "job"])}`;

/** The placeholders' values of storeEventOfDeliveryStatement, but the delivery's id. */
function deliveredEventValues(write: DeliveredEvent): Record<string, unknown> {
  const { project, issue } = write;
  return {
    ...eventValues(write.event),
    project_slug: project.slug ?? null,
    project_name: project.name ?? null,
    project_platform: project.platform ?? null,
    issue_short_id: issue.shortId ?? null,
    issue_title: issue.title,
    issue_culprit: issue.culprit ?? null,
    issue_level: issue.level ?? null,
    issue_status: issue.status ?? "unresolved",
    issue_platform: issue.platform ?? null,
    issue_permalink: issue.permalink ?? null,
    issue_first_seen: issue.firstSeen.toISOString(),
    issue_last_seen: issue.lastSeen.toISOString(),
    job_issue_id: write.event.issueId,
    job_min_interval_seconds: write.reanalyseAfterSeconds,
  };
}

/**
 * Stores the event that a delivery recorded earlier (insertDeliveryWithJob) carried, with all it
 * brings, in ONE statement, atomic on its own (no transaction, one round trip): the project and
 * issue, created or widened (seen range, permalink, project names); the event and its rollups when
 * it is new (its hour only as pending, rolled up by the analysis job it queues); and the issue's
 * analysis job. Idempotent: run again (a retried job), it finds the event stored and changes no
 * count. Writes nothing when the delivery row is gone. Returns whether the event was new.
 * Locks are taken in one order: project (only when it changes), event, rollup rows, issue, job. A
 * project that has not changed is not locked, so events of one project never queue behind each
 * other. The event, project and issue must agree on their ids.
 */
export async function storeEventOfDelivery(
  db: Database,
  deliveryId: number,
  write: DeliveredEvent,
): Promise<boolean> {
  const [row] = await executePrepared<{ stored: number }>(
    db,
    "sift_store_event_of_delivery",
    storeEventOfDeliveryStatement,
    { delivery_id: deliveryId, ...deliveredEventValues(write) },
  );
  return row?.stored === 1;
}

/**
 * The issue's newest events. Bounded by the issue's seen range (every stored event is inside it:
 * the store statements keep it so), so PostgreSQL reads only the months of the issue's life: `seen`
 * when the caller holds the issue row (pruned when planning), else read from the row (when running).
 */
export async function listRecentEvents(
  db: Database,
  issueId: string,
  limit: number,
  seen?: { firstSeen: Date; lastSeen: Date },
): Promise<EventRow[]> {
  const ofIssue = (column: typeof issues.firstSeen | typeof issues.lastSeen) =>
    sql`(select ${column} from ${issues} where ${issues.id} = ${issueId})`;
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.issueId, issueId),
        gte(events.occurredAt, seen?.firstSeen ?? ofIssue(issues.firstSeen)),
        lte(events.occurredAt, seen?.lastSeen ?? ofIssue(issues.lastSeen)),
      ),
    )
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(limit);
}

export type IssueIdentity = {
  userId: string | null;
  tenantId: string | null;
  roles: string[];
  events: number;
};

/**
 * Every distinct (user, tenant, roles) the issue hit, with how many events each had: the whole
 * blast radius of an issue of any size in one row per identity, not one per event.
 */
export async function listIssueIdentities(db: Database, issueId: string): Promise<IssueIdentity[]> {
  return db
    .select({
      userId: issueIdentities.userId,
      tenantId: issueIdentities.tenantId,
      roles: issueIdentities.roles,
      events: issueIdentities.events,
    })
    .from(issueIdentities)
    .where(eq(issueIdentities.issueId, issueId));
}
