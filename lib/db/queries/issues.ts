import { eq, type SQL, sql } from "drizzle-orm";
import type { ErrorCategory } from "@/lib/analysis/types";
import type { Database } from "../connect";
import { issues, projects } from "../schema";
import { firstReleaseOf } from "./first-release";

export type NewIssue = typeof issues.$inferInsert;

// Sentry's workflow state is written only from a newer version than the row holds: a greater
// (seen_at, rank, state text), compared as a row. The ingest side defines the versions
// (lib/ingest/issue-state-version.ts); a row without one (known only from events) takes any.
const statusText = (t: string) => sql.raw(`${t}.status || '/' || coalesce(${t}.substatus, '')`);
const newerStatus = sql`(excluded.status_seen_at is not null and (${issues.statusSeenAt} is null or
  (excluded.status_seen_at, excluded.status_rank, ${statusText("excluded")}) >
  (${issues.statusSeenAt}, ${issues.statusRank}, ${statusText("issues")})))`;
const assigneeText = (t: string) =>
  sql.raw(
    `coalesce(${t}.assignee_type || ':' || ${t}.assignee_id || ':' || coalesce(${t}.assignee_name, ''), '')`,
  );
const newerAssignee = sql`(excluded.assignee_seen_at is not null and (${issues.assigneeSeenAt} is null or
  (excluded.assignee_seen_at, excluded.assignee_rank, ${assigneeText("excluded")}) >
  (${issues.assigneeSeenAt}, ${issues.assigneeRank}, ${assigneeText("issues")})))`;
const ifNewer = (newer: SQL, column: string) =>
  sql`case when ${newer} then excluded.${sql.raw(column)} else ${sql.raw(`issues.${column}`)} end`;

/**
 * An issue.* webhook or the API: the full record, authoritative for everything but the seen range
 * and for Sentry's status and assignee, which change only when the record is a newer version.
 */
export async function upsertIssue(db: Database, issue: NewIssue): Promise<void> {
  await db
    .insert(issues)
    .values({ ...issue, resolvedAt: issue.status === "resolved" ? sql`now()` : null })
    .onConflictDoUpdate({
      target: issues.id,
      set: {
        shortId: sql`coalesce(excluded.short_id, ${issues.shortId})`,
        projectId: sql`excluded.project_id`,
        title: sql`excluded.title`,
        culprit: sql`excluded.culprit`,
        level: sql`excluded.level`,
        platform: sql`coalesce(excluded.platform, ${issues.platform})`,
        permalink: sql`coalesce(excluded.permalink, ${issues.permalink})`,
        firstSeen: sql`least(excluded.first_seen, ${issues.firstSeen})`,
        lastSeen: sql`greatest(excluded.last_seen, ${issues.lastSeen})`,
        sentryCount: sql`coalesce(excluded.sentry_count, ${issues.sentryCount})`,
        sentryUserCount: sql`coalesce(excluded.sentry_user_count, ${issues.sentryUserCount})`,
        status: ifNewer(newerStatus, "status"),
        substatus: ifNewer(newerStatus, "substatus"),
        statusSeenAt: ifNewer(newerStatus, "status_seen_at"),
        statusRank: ifNewer(newerStatus, "status_rank"),
        // A newer snapshot that is still resolved keeps the time Sift first learnt of the resolution.
        resolvedAt: sql`case when ${newerStatus} then (case when excluded.status <> 'resolved' then null
          when ${issues.status} = 'resolved' then coalesce(${issues.resolvedAt}, now()) else now() end)
          else ${issues.resolvedAt} end`,
        resolvedInRelease: sql`case when ${newerStatus} then (case when excluded.status <> 'resolved' then null
          when ${issues.status} = 'resolved' then coalesce(excluded.resolved_in_release, ${issues.resolvedInRelease})
          else excluded.resolved_in_release end) else ${issues.resolvedInRelease} end`,
        assigneeType: ifNewer(newerAssignee, "assignee_type"),
        assigneeId: ifNewer(newerAssignee, "assignee_id"),
        assigneeName: ifNewer(newerAssignee, "assignee_name"),
        assigneeSeenAt: ifNewer(newerAssignee, "assignee_seen_at"),
        assigneeRank: ifNewer(newerAssignee, "assignee_rank"),
        updatedAt: sql`now()`,
      },
    });
}

/** One event of the issue: creates the issue if unknown, otherwise only widens its seen range. */
export async function touchIssueFromEvent(db: Database, issue: NewIssue): Promise<void> {
  await db
    .insert(issues)
    .values(issue)
    .onConflictDoUpdate({
      target: issues.id,
      set: {
        firstSeen: sql`least(excluded.first_seen, ${issues.firstSeen})`,
        lastSeen: sql`greatest(excluded.last_seen, ${issues.lastSeen})`,
        permalink: sql`coalesce(${issues.permalink}, excluded.permalink)`,
        updatedAt: sql`now()`,
      },
    });
}

/**
 * One issue as lists show it: its row, its project and the newest analysis's owner and summary.
 * The counts are Sift's own (events it stored); sentryCount and sentryUserCount are Sentry's totals
 * from issue.* webhooks and the API, null when only events were seen.
 */
export function selectIssueSummaries(db: Database) {
  return db
    .select({
      id: issues.id,
      shortId: issues.shortId,
      title: issues.title,
      culprit: issues.culprit,
      project: { id: projects.id, slug: projects.slug, name: projects.name },
      level: issues.level,
      status: issues.status,
      substatus: issues.substatus,
      assigneeType: issues.assigneeType,
      assigneeId: issues.assigneeId,
      assigneeName: issues.assigneeName,
      platform: issues.platform,
      permalink: issues.permalink,
      firstSeen: issues.firstSeen,
      lastSeen: issues.lastSeen,
      eventCount: issues.eventCount,
      userCount: issues.userCount,
      tenantCount: issues.tenantCount,
      priorityRank: issues.priorityRank,
      sentryCount: issues.sentryCount,
      sentryUserCount: issues.sentryUserCount,
      priorityTier: issues.priorityTier,
      // The release of the issue's first stored event ("what changed").
      firstRelease: firstReleaseOf(issues.id, issues),
      // The best open match flagged when the index stored it, while both are still open.
      likelyDuplicateOfId: sql<string | null>`(
        select s.similar_id from similar_issues s join issues o on o.id = s.similar_id
        where s.issue_id = ${issues.id} and s.duplicate and o.status = 'unresolved'
          and ${issues.status} = 'unresolved'
        order by s.score desc, s.similar_id limit 1)`,
      // createdAt is the timestamp as JSON text; category is null on analyses before version 2.
      analysis: sql<{
        owner: string | null;
        summary: string;
        category: ErrorCategory | null;
        createdAt: string;
      } | null>`(
        select json_build_object('owner', a.owner->>'owner', 'summary', a.summary,
          'category', a.category->>'category', 'createdAt', a.created_at)
        from analyses a where a.issue_id = ${issues.id} order by a.version desc limit 1)`,
    })
    .from(issues)
    .innerJoin(projects, eq(projects.id, issues.projectId));
}

export type IssueSummary = Awaited<ReturnType<ReturnType<typeof selectIssueSummaries>["execute"]>>[number];

export async function getIssueSummary(db: Database, issueId: string): Promise<IssueSummary | null> {
  const [row] = await selectIssueSummaries(db).where(eq(issues.id, issueId)).limit(1);
  return row ?? null;
}

export async function countIssues(db: Database): Promise<number> {
  return db.$count(issues);
}
