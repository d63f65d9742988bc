import { and, desc, eq, sql } from "drizzle-orm";
import type { FeedbackKind } from "@/lib/analysis/types";
import type { Database } from "../connect";
import { feedback } from "../schema";

export type FeedbackRow = typeof feedback.$inferSelect;
export type NewFeedback = typeof feedback.$inferInsert;

export async function insertFeedback(db: Database, row: NewFeedback): Promise<FeedbackRow> {
  const [stored] = await db.insert(feedback).values(row).returning();
  if (!stored) throw new Error("feedback insert returned no row");
  return stored;
}

/** The newest feedback of each kind on the issue (at most one row per kind). */
export async function listLatestFeedback(db: Database, issueId: string): Promise<FeedbackRow[]> {
  return db
    .selectDistinctOn([feedback.kind])
    .from(feedback)
    .where(eq(feedback.issueId, issueId))
    .orderBy(feedback.kind, desc(feedback.createdAt), desc(feedback.id));
}

/**
 * The owner a triager last set for the issue, and who: a later confirmation confirms what the
 * page then showed, which was that correction, so only corrections count. Null: never corrected.
 */
export async function getOwnerCorrection(
  db: Database,
  issueId: string,
): Promise<{ owner: string; by: string } | null> {
  const [row] = await db
    .select({ value: feedback.value, actor: feedback.actor, actorName: feedback.actorName })
    .from(feedback)
    .where(and(eq(feedback.issueId, issueId), eq(feedback.kind, "owner"), eq(feedback.verdict, "correct")))
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(1);
  return row?.value ? { owner: row.value, by: row.actorName ?? row.actor } : null;
}

export type FeedbackWeek = { kind: FeedbackKind; week: Date; confirmed: number; corrected: number };

/**
 * Confirmations and corrections per kind and ISO week (starting Monday, UTC) since `since`, oldest
 * week first. Reads the kind/time index; one row per kind and week that had any.
 */
export async function countFeedbackByWeek(db: Database, since: Date): Promise<FeedbackWeek[]> {
  const week = sql<Date>`date_trunc('week', ${feedback.createdAt} at time zone 'UTC') at time zone 'UTC'`;
  const rows = await db
    .select({
      kind: feedback.kind,
      week,
      confirmed: sql<number>`count(*) filter (where ${feedback.verdict} = 'confirm')::int`,
      corrected: sql<number>`count(*) filter (where ${feedback.verdict} = 'correct')::int`,
    })
    .from(feedback)
    .where(sql`${feedback.createdAt} >= ${since.toISOString()}`)
    .groupBy(feedback.kind, week)
    .orderBy(week, feedback.kind);
  return rows.map((r) => ({
    ...r,
    week: new Date(r.week),
    confirmed: Number(r.confirmed),
    corrected: Number(r.corrected),
  }));
}
