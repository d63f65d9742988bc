import "server-only";
import { env } from "@/lib/env";

let gate:
  | {
      defaultMode: typeof env.SIFT_WRITEBACK;
      internalOrg: string | null;
      publicIntegration: { ok: true } | { ok: false; error: string } | null;
    }
  | undefined;

/**
 * What decides whether triagers' actions may be written to Sentry (lib/enrichment/action-gate.ts),
 * read from the environment once: the default write-back mode, the internal integration's
 * organisation when its token is set, and whether the public integration is configured.
 */
export function actionGateFromEnv() {
  if (gate) return gate;
  const { SENTRY_CLIENT_ID, SENTRY_CLIENT_SECRET, SIFT_ENCRYPTION_KEY } = env;
  const missing = !SENTRY_CLIENT_SECRET
    ? "SENTRY_CLIENT_SECRET"
    : !SIFT_ENCRYPTION_KEY
      ? "SIFT_ENCRYPTION_KEY"
      : null;
  gate = {
    defaultMode: env.SIFT_WRITEBACK,
    internalOrg: env.SENTRY_API_TOKEN && env.SENTRY_ORG ? env.SENTRY_ORG : null,
    publicIntegration: !SENTRY_CLIENT_ID
      ? null
      : missing
        ? {
            ok: false,
            error: `Sentry public integration is off: SENTRY_CLIENT_ID is set but ${missing} is not.`,
          }
        : { ok: true },
  };
  return gate;
}
