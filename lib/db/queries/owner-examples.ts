import { sql } from "drizzle-orm";
import type { Frame } from "@/lib/analysis/types";
import type { Database } from "../connect";

/**
 * A past issue whose owner the team settled, with what the learned owner model reads of it: its
 * title, first seen, and its newest event's stack (null when no event is stored).
 */
export type OwnerExampleRow = {
  issueId: string;
  title: string;
  firstSeen: Date;
  /** As it was written: a Sentry team's name, or what a triager typed or confirmed. */
  label: string;
  source: "assignment" | "feedback";
  /** When Sift learnt it: the issue row's last change, or the feedback's time. */
  changedAt: Date;
  event: {
    frames: Frame[];
    exceptionType: string | null;
    exceptionValue: string | null;
    message: string | null;
  } | null;
};

type Raw = {
  issue_id: string;
  title: string;
  first_seen: Date | string;
  label: string;
  changed_at: Date | string;
  frames: Frame[] | null;
  exception_type: string | null;
  exception_value: string | null;
  message: string | null;
};

const newestEvent = sql`left join lateral (
    select e.frames, e.exception_type, e.exception_value, e.message from events e
    where e.issue_id = i.id and e.occurred_at between i.first_seen and i.last_seen order by e.occurred_at desc, e.id desc limit 1) e on true`;

function toRow(raw: Raw, source: OwnerExampleRow["source"]): OwnerExampleRow {
  return {
    issueId: raw.issue_id,
    title: raw.title,
    firstSeen: new Date(raw.first_seen),
    label: raw.label,
    source,
    changedAt: new Date(raw.changed_at),
    event: raw.frames
      ? {
          frames: raw.frames,
          exceptionType: raw.exception_type,
          exceptionValue: raw.exception_value,
          message: raw.message,
        }
      : null,
  };
}

const rowsOf = (result: unknown) => (result as { rows: Raw[] }).rows;

/**
 * Issues Sentry shows assigned to a team whose row changed after `since` (null: any), newest
 * change first, at most `limit`. Reads the partial index on team-assigned issues; each issue's
 * newest event is one index probe.
 */
export async function listTeamAssignedIssues(
  db: Database,
  params: { since: Date | null; limit: number },
): Promise<OwnerExampleRow[]> {
  const since = params.since ? sql`and i.updated_at > ${params.since.toISOString()}` : sql``;
  const result = await db.execute(sql`
    select i.id as issue_id, i.title, i.first_seen, coalesce(i.assignee_name, i.assignee_id) as label,
      i.updated_at as changed_at, e.frames, e.exception_type, e.exception_value, e.message
    from issues i ${newestEvent}
    where i.assignee_type = 'team' ${since}
    order by i.updated_at desc limit ${params.limit}`);
  return rowsOf(result).map((raw) => toRow(raw, "assignment"));
}

/**
 * Triagers' owner feedback given after `since` (null: any), newest first, at most `limit`: a
 * correction's label is its value, a confirmation's what Sift said then.
 */
export async function listOwnerFeedback(
  db: Database,
  params: { since: Date | null; limit: number },
): Promise<OwnerExampleRow[]> {
  const since = params.since ? sql`and f.created_at > ${params.since.toISOString()}` : sql``;
  const result = await db.execute(sql`
    select i.id as issue_id, i.title, i.first_seen,
      case when f.verdict = 'correct' then f.value else f.sift_said end as label,
      f.created_at as changed_at, e.frames, e.exception_type, e.exception_value, e.message
    from feedback f join issues i on i.id = f.issue_id ${newestEvent}
    where f.kind = 'owner' ${since}
      and (case when f.verdict = 'correct' then f.value else f.sift_said end) is not null
    order by f.created_at desc, f.id desc limit ${params.limit}`);
  return rowsOf(result).map((raw) => toRow(raw, "feedback"));
}

/**
 * Owners people have named: Sentry teams issues are assigned to and owners triagers typed, as
 * written, most used first, at most `limit`. Reads the team-assigned index and the feedback table.
 */
export async function listNamedOwners(db: Database, limit: number): Promise<string[]> {
  const result = await db.execute(sql`
    select label from (
      select coalesce(assignee_name, assignee_id) as label from issues where assignee_type = 'team'
      union all
      select value as label from feedback where kind = 'owner' and verdict = 'correct' and value is not null
    ) named group by label order by count(*) desc, label limit ${limit}`);
  return (result as unknown as { rows: { label: string }[] }).rows.map((r) => r.label);
}
