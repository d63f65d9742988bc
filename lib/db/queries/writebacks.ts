import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { issues, jobs, projects, type WritebackMode, writebacks } from "../schema";

export type WritebackRow = typeof writebacks.$inferSelect;

/** The write-back job's kind: queued after each analysis, run by lib/writeback. */
export const WRITEBACK_JOB = "writeback";

/** The issue's project's write-back override (null: the default applies), or undefined for an unknown issue. */
export async function getProjectWritebackOfIssue(
  db: Database,
  issueId: string,
): Promise<WritebackMode | null | undefined> {
  const [row] = await db
    .select({ writeback: projects.writeback })
    .from(issues)
    .innerJoin(projects, eq(projects.id, issues.projectId))
    .where(eq(issues.id, issueId))
    .limit(1);
  return row ? row.writeback : undefined;
}

/**
 * Queues the issue's write-back, no sooner than `minIntervalSeconds` after its comment was last
 * written: an issue re-analysed every few seconds gets its comment edited at most that often.
 * Coalesces with a queued one like enqueueJob.
 */
export async function enqueueWriteback(
  db: Database,
  issueId: string,
  options: { minIntervalSeconds: number },
): Promise<void> {
  // greatest() ignores the null of an issue never written back.
  const runAfter = sql`greatest(now(), (select ${writebacks.commentWrittenAt} from ${writebacks} where ${writebacks.issueId} = ${issueId}) + make_interval(secs => ${options.minIntervalSeconds}))`;
  await db.insert(jobs).values({ kind: WRITEBACK_JOB, subjectId: issueId, runAfter }).onConflictDoNothing();
}

/**
 * Takes the issue's write-back lease for `leaseSeconds`, creating its row on first use; null when
 * another job holds it. Two jobs of one issue can run at once (one running, one queued after a new
 * analysis), and only one of them may talk to Sentry.
 */
export async function leaseWriteback(
  db: Database,
  issueId: string,
  options: { token: string; leaseSeconds: number },
): Promise<WritebackRow | null> {
  const until = sql`now() + make_interval(secs => ${options.leaseSeconds})`;
  const [row] = await db
    .insert(writebacks)
    .values({ issueId, leaseToken: options.token, leaseUntil: until })
    .onConflictDoUpdate({
      target: writebacks.issueId,
      set: { leaseToken: options.token, leaseUntil: until },
      setWhere: or(isNull(writebacks.leaseUntil), lt(writebacks.leaseUntil, sql`now()`)),
    })
    .returning();
  return row ?? null;
}

/** When the issue's write-back lease ends (null when nobody holds it): how long another job waits. */
export async function getWritebackLeaseEnd(db: Database, issueId: string): Promise<Date | null> {
  const [row] = await db
    .select({ leaseUntil: writebacks.leaseUntil })
    .from(writebacks)
    .where(eq(writebacks.issueId, issueId));
  return row?.leaseUntil ?? null;
}

export async function releaseWriteback(db: Database, issueId: string, token: string): Promise<void> {
  await db
    .update(writebacks)
    .set({ leaseToken: null, leaseUntil: null })
    .where(and(eq(writebacks.issueId, issueId), eq(writebacks.leaseToken, token)));
}

/** Committed before the comment is posted: a retry then looks for it instead of posting again. */
export async function recordCommentIntent(db: Database, issueId: string, hash: string): Promise<void> {
  await db
    .update(writebacks)
    .set({ pendingHash: hash, updatedAt: sql`now()` })
    .where(eq(writebacks.issueId, issueId));
}

export async function recordComment(
  db: Database,
  issueId: string,
  comment: { id: string | null; hash: string | null },
): Promise<void> {
  await db
    .update(writebacks)
    .set({
      commentId: comment.id,
      commentHash: comment.hash,
      pendingHash: null,
      commentWrittenAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(writebacks.issueId, issueId));
}

export async function recordAssignment(
  db: Database,
  issueId: string,
  assignment: { state: "assigned" | "left"; team: string | null; note: string },
): Promise<void> {
  await db
    .update(writebacks)
    .set({
      assignment: assignment.state,
      assignedTeam: assignment.team,
      assignmentNote: assignment.note.slice(0, 500),
      assignedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(writebacks.issueId, issueId));
}

/** A note on why Sift did not assign (yet), without changing whether it may later. */
export async function noteAssignment(db: Database, issueId: string, note: string): Promise<void> {
  await db
    .update(writebacks)
    .set({ assignmentNote: note.slice(0, 500), updatedAt: sql`now()` })
    .where(eq(writebacks.issueId, issueId));
}

/** Sift's comment was deleted in Sentry by someone: it is neither edited nor posted again. */
export async function recordCommentDeleted(db: Database, issueId: string): Promise<void> {
  await db
    .update(writebacks)
    .set({ commentId: null, pendingHash: null, commentDeletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(writebacks.issueId, issueId));
}
