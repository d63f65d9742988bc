import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { alertTriggers } from "../schema";

export type NewAlertTrigger = typeof alertTriggers.$inferInsert;

export async function insertAlertTrigger(db: Database, trigger: NewAlertTrigger): Promise<void> {
  await db.insert(alertTriggers).values(trigger);
}

export type AlertRuleFired = {
  ruleName: string;
  triggers: number;
  lastTriggeredAt: Date;
  lastEventId: string;
};

/** The issue alert rules that fired on the issue's events, most recently fired first. */
export async function listAlertRulesFired(
  db: Database,
  issueId: string,
  limit: number,
): Promise<AlertRuleFired[]> {
  const rows = await db
    .select({
      ruleName: alertTriggers.ruleName,
      triggers: sql<number>`count(*)::int`,
      lastTriggeredAt: sql<string>`max(${alertTriggers.triggeredAt})`,
      lastEventId: sql<string>`(array_agg(${alertTriggers.eventId} order by ${alertTriggers.triggeredAt} desc, ${alertTriggers.id} desc))[1]`,
    })
    .from(alertTriggers)
    .where(eq(alertTriggers.issueId, issueId))
    .groupBy(alertTriggers.ruleName)
    .orderBy(desc(sql`max(${alertTriggers.triggeredAt})`), alertTriggers.ruleName)
    .limit(limit);
  return rows.map((row) => ({ ...row, lastTriggeredAt: new Date(row.lastTriggeredAt) }));
}
