import { and, asc, desc, eq, gte, isNotNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { commitFiles, commits, events, issues } from "../schema";

export type NewCommit = typeof commits.$inferInsert & { files: string[] };
export type CommitWithFiles = typeof commits.$inferSelect & { files: string[] };

// Keeps each statement's parameters well under PostgreSQL's 65,535.
const ROWS_PER_STATEMENT = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Stores commits and their files; a commit already stored keeps its row and gains the new files.
 * Its release is set only while it has none: a commit ships first in the oldest release that holds
 * it, so importing release after release tags each commit with the one that brought it. Returns
 * how many commits were new.
 */
export async function insertCommits(db: Database, batch: NewCommit[]): Promise<number> {
  if (batch.length === 0) return 0;
  return db.transaction(async (tx) => {
    let inserted = 0;
    for (const part of chunks(batch, ROWS_PER_STATEMENT)) {
      const rows = await tx
        .insert(commits)
        .values(part.map(({ files: _files, ...commit }) => commit))
        .onConflictDoUpdate({
          target: commits.sha,
          set: { release: sql`coalesce(${commits.release}, excluded.release)` },
        })
        .returning({ new: sql<boolean>`xmax = 0` });
      inserted += rows.filter((r) => r.new).length;
    }
    const files = batch.flatMap((c) => [...new Set(c.files)].map((path) => ({ sha: c.sha, path })));
    for (const part of chunks(files, ROWS_PER_STATEMENT)) {
      await tx.insert(commitFiles).values(part).onConflictDoNothing();
    }
    return inserted;
  });
}

export async function countReleaseCommits(db: Database, release: string): Promise<number> {
  return db.$count(commits, eq(commits.release, release));
}

/** The release of the issue's earliest stored event that carries one; null when none does. */
export async function getFirstSeenRelease(db: Database, issueId: string): Promise<string | null> {
  const [row] = await db
    .select({ release: events.release })
    .from(events)
    .where(
      and(
        eq(events.issueId, issueId),
        isNotNull(events.release),
        // Every stored event is inside its issue's seen range: only the months of its life are read.
        sql`${events.occurredAt} between (select ${issues.firstSeen} from ${issues} where ${issues.id} = ${issueId})
          and (select ${issues.lastSeen} from ${issues} where ${issues.id} = ${issueId})`,
      ),
    )
    .orderBy(asc(events.occurredAt), asc(events.id))
    .limit(1);
  return row?.release ?? null;
}

/**
 * The commits that may have caused an issue: committed in [since, until] or in `release`, that
 * changed a file named like one of `basenames` (the last path segment of the issue's frames), each
 * with only those files; newest first, at most `limit`. Matching whole paths is the caller's work.
 */
export async function listCandidateCommits(
  db: Database,
  params: { basenames: string[]; since: Date; until: Date; release: string | null; limit: number },
): Promise<CommitWithFiles[]> {
  if (params.basenames.length === 0) return [];
  const basename = sql`regexp_replace(${commitFiles.path}, '^.*/', '')`;
  const inWindow = and(gte(commits.committedAt, params.since), lte(commits.committedAt, params.until));
  const rows = await db
    .select({
      sha: commits.sha,
      repo: commits.repo,
      message: commits.message,
      authorName: commits.authorName,
      authorEmail: commits.authorEmail,
      committedAt: commits.committedAt,
      release: commits.release,
      files: sql<string[]>`array_agg(${commitFiles.path} order by ${commitFiles.path})`,
    })
    .from(commits)
    .innerJoin(commitFiles, eq(commitFiles.sha, commits.sha))
    .where(
      and(
        params.release ? or(inWindow, eq(commits.release, params.release)) : inWindow,
        sql`${basename} = any(${sql.param(params.basenames)}::text[])`,
      ),
    )
    .groupBy(commits.sha)
    .orderBy(desc(commits.committedAt), asc(commits.sha))
    .limit(params.limit);
  return rows;
}
