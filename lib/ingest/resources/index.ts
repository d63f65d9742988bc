import { commentResource } from "./comment";
import { errorResource } from "./error";
import { eventAlertResource } from "./event-alert";
import { installationResource } from "./installation";
import { issueResource } from "./issue";
import { metricAlertResource } from "./metric-alert";
import { seerResource } from "./seer";
import type { WebhookResource } from "./webhook-resource";

/** Every webhook resource Sift understands, by its Sentry-Hook-Resource name. */
export const webhookResources: Readonly<Record<string, WebhookResource>> = {
  error: errorResource,
  issue: issueResource,
  comment: commentResource,
  event_alert: eventAlertResource,
  metric_alert: metricAlertResource,
  installation: installationResource,
  seer: seerResource,
};
