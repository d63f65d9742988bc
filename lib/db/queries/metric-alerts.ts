import { desc, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { metricAlerts } from "../schema";

export type NewMetricAlert = typeof metricAlerts.$inferInsert;
export type MetricAlertRow = typeof metricAlerts.$inferSelect;

/**
 * One metric_alert delivery. Its status replaces the stored one only when it ranks higher (the
 * caller's statusRank), so a late "warning" never reopens a resolved incident; dates are kept
 * once known, and the rest follows the latest delivery.
 */
export async function upsertMetricAlert(db: Database, alert: NewMetricAlert): Promise<void> {
  const higher = sql`excluded.status_rank > ${metricAlerts.statusRank}`;
  await db
    .insert(metricAlerts)
    .values(alert)
    .onConflictDoUpdate({
      target: metricAlerts.id,
      set: {
        status: sql`case when ${higher} then excluded.status else ${metricAlerts.status} end`,
        statusRank: sql`greatest(excluded.status_rank, ${metricAlerts.statusRank})`,
        identifier: sql`coalesce(excluded.identifier, ${metricAlerts.identifier})`,
        title: sql`excluded.title`,
        ruleName: sql`coalesce(excluded.rule_name, ${metricAlerts.ruleName})`,
        projects: sql`excluded.projects`,
        webUrl: sql`coalesce(excluded.web_url, ${metricAlerts.webUrl})`,
        description: sql`coalesce(excluded.description, ${metricAlerts.description})`,
        dateStarted: sql`coalesce(${metricAlerts.dateStarted}, excluded.date_started)`,
        dateDetected: sql`coalesce(${metricAlerts.dateDetected}, excluded.date_detected)`,
        dateClosed: sql`coalesce(excluded.date_closed, ${metricAlerts.dateClosed})`,
        updatedAt: sql`greatest(excluded.updated_at, ${metricAlerts.updatedAt})`,
      },
    });
}

/** Incidents naming the project (by slug), newest first. */
export async function listMetricAlertsForProject(
  db: Database,
  projectSlug: string,
  limit: number,
): Promise<MetricAlertRow[]> {
  return db
    .select()
    .from(metricAlerts)
    .where(sql`${projectSlug}::text = any(${metricAlerts.projects})`)
    .orderBy(
      desc(sql`coalesce(${metricAlerts.dateStarted}, ${metricAlerts.updatedAt})`),
      desc(metricAlerts.id),
    )
    .limit(limit);
}
