import { z } from "zod";
import { insertAlertTrigger } from "@/lib/db/queries/alert-triggers";
import { nullableString, sentryEvent, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { storeDeliveredEvent } from "../store-delivered-event";
import { defineWebhookResource, idAt } from "./webhook-resource";

// event_alert.triggered: an issue alert rule that names Sift's integration as its action fired.
// data.event is a full event, stored exactly as error.created stores one; the rule's name is kept
// beside it, one row per firing.
export const eventAlertResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.literal("triggered"),
    data: z.looseObject({
      event: sentryEvent,
      triggered_rule: z.string().min(1),
      issue_alert: z
        .looseObject({
          id: z.union([z.string(), z.number()]).transform(String).nullish(),
          title: nullableString,
        })
        .nullish(),
    }),
  }),
  dedupeIds: (payload) => [
    idAt(payload.data, "event", "event_id").toLowerCase(),
    idAt(payload.data, "triggered_rule"),
  ],
  async store(tx, payload, options) {
    const { event, triggered_rule, issue_alert } = payload.data;
    const refs = await storeDeliveredEvent(tx, event, options);
    await insertAlertTrigger(tx, {
      issueId: refs.issueId,
      eventId: refs.eventId,
      ruleName: triggered_rule,
      ruleId: issue_alert?.id ?? null,
      triggeredAt: options.receivedAt,
    });
    return refs;
  },
});
