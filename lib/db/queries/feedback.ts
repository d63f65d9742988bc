import { and, desc, eq, inArray, sql } from "drizzle-orm";
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

export type Correction = { value: string; by: string };

/** The verdicts the analysis itself takes a triager's correction of (getVerdictCorrections). */
export const ANALYSED_CORRECTIONS = [
  "owner",
  "category",
  "priority",
] as const satisfies readonly FeedbackKind[];
type AnalysedCorrection = (typeof ANALYSED_CORRECTIONS)[number];
const isAnalysedCorrection = (kind: string): kind is AnalysedCorrection =>
  (ANALYSED_CORRECTIONS as readonly string[]).includes(kind);

/**
 * The value a triager last set for each of the issue's owner, category and priority, and who: a
 * later confirmation confirms what the page then showed, which was that correction, so only
 * corrections count. A kind never corrected is absent.
 */
export async function getVerdictCorrections(
  db: Database,
  issueId: string,
): Promise<Partial<Record<AnalysedCorrection, Correction>>> {
  const rows = await db
    .selectDistinctOn([feedback.kind], {
      kind: feedback.kind,
      value: feedback.value,
      actor: feedback.actor,
      actorName: feedback.actorName,
    })
    .from(feedback)
    .where(
      and(
        eq(feedback.issueId, issueId),
        inArray(feedback.kind, [...ANALYSED_CORRECTIONS]),
        eq(feedback.verdict, "correct"),
      ),
    )
    .orderBy(feedback.kind, desc(feedback.createdAt), desc(feedback.id));
  const corrections: Partial<Record<AnalysedCorrection, Correction>> = {};
  for (const row of rows) {
    if (row.value && isAnalysedCorrection(row.kind)) {
      corrections[row.kind] = { value: row.value, by: row.actorName ?? row.actor };
    }
  }
  return corrections;
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
