import { and, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issueHourIdentities, issueHours } from "../schema";
import { hourOf } from "./events";

/** One hour of events for one issue or a set of them: `hour` is its start (UTC). */
export type HourBucket = { hour: Date; events: number; users: number; tenants: number };

const HOUR_MS = 3_600_000;

/**
 * Events, distinct users and distinct tenants per hour for a set of issues (one issue's timeline,
 * or an incident's), every hour from `from`'s to `to`'s included, zeros for quiet hours. Users and
 * tenants are distinct across the whole set in each hour. Never reads the events: the events per
 * hour are issue_hours' sums (at most one row per issue per hour), the users and tenants an
 * index-only range of issue_hour_identities_who (one entry per identity per hour per issue: 8,000
 * for the busiest issue of bench:ui's data, whose rows lie on as many heap pages).
 */
export async function listHourlyBuckets(
  db: Database,
  params: { issueIds: string[]; from: Date; to: Date },
): Promise<HourBucket[]> {
  const from = hourOf(params.from);
  const to = hourOf(params.to);
  if (params.issueIds.length === 0 || from > to) return [];
  const inWindow = (table: typeof issueHours | typeof issueHourIdentities) =>
    and(inArray(table.issueId, params.issueIds), gte(table.hour, from), lte(table.hour, to));
  const result = await db.execute(sql`
    select coalesce(e.hour, w.hour) as hour, coalesce(e.events, 0) as events,
      coalesce(w.users, 0) as users, coalesce(w.tenants, 0) as tenants
    from (select ${issueHours.hour} as hour, sum(${issueHours.events}) as events from ${issueHours}
        where ${inWindow(issueHours)} group by 1) e
      full join (select ${issueHourIdentities.hour} as hour,
          count(distinct ${issueHourIdentities.userId})::int as users,
          count(distinct ${issueHourIdentities.tenantId})::int as tenants
        from ${issueHourIdentities} where ${inWindow(issueHourIdentities)} group by 1) w
      on w.hour = e.hour`);
  const rows = rowsOf<{ hour: Date | string; events: string | number; users: number; tenants: number }>(
    result,
  ).map((r) => ({ ...r, hour: new Date(r.hour) }));
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), r]));
  const buckets: HourBucket[] = [];
  for (let at = from.getTime(); at <= to.getTime(); at += HOUR_MS) {
    const row = byHour.get(at);
    buckets.push({
      hour: new Date(at),
      events: row ? Number(row.events) : 0,
      users: row?.users ?? 0,
      tenants: row?.tenants ?? 0,
    });
  }
  return buckets;
}

/** How far back an issue's timeline reaches: the last 72 hours, or since first seen when later. */
export const TIMELINE_HOURS = 72;

/** The window of an issue's timeline: TIMELINE_HOURS hours to `now`'s, or from first seen's hour. */
export function timelineWindow(firstSeen: Date, now: Date): { from: Date; to: Date } {
  const to = hourOf(now).getTime();
  const earliest = to - (TIMELINE_HOURS - 1) * HOUR_MS;
  const from = Math.min(Math.max(hourOf(firstSeen).getTime(), earliest), to);
  return { from: new Date(from), to: new Date(to) };
}

/** The hours of the list's sparklines: the 24 hours ending with `now`'s. */
export const SPARKLINE_HOURS = 24;

export function sparklineWindow(now: Date): { from: Date; to: Date } {
  const to = hourOf(now);
  return { from: new Date(to.getTime() - (SPARKLINE_HOURS - 1) * HOUR_MS), to };
}

/**
 * Events per hour of each issue, every hour from `from`'s to `to`'s, oldest first, zeros for quiet
 * hours: the list's sparklines for a whole page in one query (a primary-key range of issue_hours,
 * at most 24 rows per issue), never one per row. Issues with no events in the window get all zeros.
 */
export async function listHourlyEventsByIssue(
  db: Database,
  params: { issueIds: string[]; from: Date; to: Date },
): Promise<Map<string, number[]>> {
  const from = hourOf(params.from);
  const to = hourOf(params.to);
  const hours = Math.floor((to.getTime() - from.getTime()) / HOUR_MS) + 1;
  const series = new Map(params.issueIds.map((id) => [id, Array<number>(Math.max(hours, 0)).fill(0)]));
  if (params.issueIds.length === 0 || hours <= 0) return series;
  const rows = await db
    .select({ issueId: issueHours.issueId, hour: issueHours.hour, events: issueHours.events })
    .from(issueHours)
    .where(
      and(inArray(issueHours.issueId, params.issueIds), gte(issueHours.hour, from), lte(issueHours.hour, to)),
    );
  for (const row of rows) {
    const slot = (row.hour.getTime() - from.getTime()) / HOUR_MS;
    const counts = series.get(row.issueId);
    if (counts && slot >= 0 && slot < hours) counts[slot] = Number(row.events);
  }
  return series;
}
