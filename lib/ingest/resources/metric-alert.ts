import { z } from "zod";
import { upsertMetricAlert } from "@/lib/db/queries/metric-alerts";
import { defaultSentryHosts, sentryUrlOrNull } from "@/lib/sentry/payload-links";
import { isoDate, nullableString, numericId, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

// The incident's level only grows until it is resolved (Sentry opens a new incident after that),
// so the most severe level reached is shown, and resolved once closed.
const statusRanks = { open: 0, warning: 1, critical: 2, resolved: 3 } as const;
const optionalDate = isoDate.nullish();

// metric_alert.*: a metric alert incident, shown on the issues of the projects it names.
export const metricAlertResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.enum(["open", "warning", "critical", "resolved"]),
    data: z.looseObject({
      metric_alert: z.looseObject({
        id: numericId,
        identifier: z.union([z.string(), z.number()]).transform(String).nullish(),
        title: z.string(),
        status: z.number().int().nullish(),
        projects: z.array(z.string()),
        date_started: optionalDate,
        date_detected: optionalDate,
        date_created: optionalDate,
        date_closed: optionalDate,
        alert_rule: z.looseObject({ name: nullableString }).nullish(),
      }),
      web_url: nullableString,
      description_title: nullableString,
      description_text: nullableString,
    }),
  }),
  dedupeIds: (payload) => [
    idAt(payload.data, "metric_alert", "id"),
    idAt(payload.data, "metric_alert", "status"),
  ],
  async store(tx, payload, options) {
    const { metric_alert: alert, web_url, description_title, description_text } = payload.data;
    const date = (value: string | null | undefined) => (value ? new Date(value) : null);
    await upsertMetricAlert(tx, {
      id: alert.id,
      identifier: alert.identifier ?? null,
      title: alert.title,
      status: payload.action,
      statusRank: statusRanks[payload.action],
      ruleName: alert.alert_rule?.name ?? null,
      projects: alert.projects,
      webUrl: sentryUrlOrNull(web_url, options.sentryHosts ?? defaultSentryHosts),
      description: description_text || description_title || null,
      dateStarted: date(alert.date_started ?? alert.date_created),
      dateDetected: date(alert.date_detected),
      dateClosed: date(alert.date_closed) ?? (payload.action === "resolved" ? options.receivedAt : null),
      updatedAt: options.receivedAt,
    });
    return {};
  },
});
