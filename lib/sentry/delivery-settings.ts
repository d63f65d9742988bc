// No "server-only": the Pages Router webhook (pages/api/webhooks/sentry.ts) imports this, and that
// marker throws there. test/browser-imports.test.ts keeps it out of the browser instead.
import { env } from "@/lib/env";
import { sentryHostsFrom } from "./payload-links";

/**
 * How Sentry's deliveries are read and stored, from the environment: the webhook's settings, which
 * the jobs that store its events later (lib/ingest/store-delivery-job.ts) share.
 */
export function deliverySettingsFromEnv() {
  return {
    tenantKeys: env.SIFT_TENANT_KEYS,
    rolesKeys: env.SIFT_ROLES_KEYS,
    appId: env.SENTRY_APP_ID ?? null,
    reanalyseAfterSeconds: env.SIFT_REANALYSE_AFTER_SECONDS,
    publicIntegration: Boolean(env.SENTRY_CLIENT_ID),
    // Links into Sentry from payloads must lead to Sentry (payload-links.ts).
    sentryHosts: sentryHostsFrom({ sentryUrl: env.SENTRY_URL, apiUrl: env.SENTRY_API_URL }),
  };
}
