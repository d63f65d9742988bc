import "server-only";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { env, tenantTiersFromEnv } from "@/lib/env";
import type { PublicIntegration } from "@/lib/installations/public-integration";
import { parseEncryptionKey } from "@/lib/installations/token-cipher";
import type { LlmSettings } from "@/lib/llm/rephrase-summary";
import { sentryApiClientFromEnv } from "@/lib/sentry/api-client";
import { deliverySettingsFromEnv } from "@/lib/sentry/delivery-settings";
import { sentryHostsFrom } from "@/lib/sentry/payload-links";
import type { WorkerSettings } from "./job-kinds";

/**
 * Ownership rules come from SIFT_OWNERSHIP_RULES, one Sentry rule a line (a literal "\n" also
 * separates). Identity keys match ingest's, so fetched and delivered events are read alike.
 * Tenant tiers come from SIFT_TENANT_TIERS_FILE when set, else SIFT_TENANT_TIERS; a malformed one
 * throws here, at start-up.
 */
export function workerSettingsFromEnv(): WorkerSettings {
  return {
    rules: parseOwnershipRules(env.SIFT_OWNERSHIP_RULES.replaceAll("\\n", "\n")),
    fallbackOwner: env.SIFT_TRIAGE_TEAM,
    tenantTiers: tenantTiersFromEnv(),
    activeTenantDays: env.SIFT_ACTIVE_TENANT_DAYS,
    reanalyseOnUpgradeDays: env.SIFT_REANALYSE_ON_UPGRADE_DAYS,
    identity: { tenantKeys: env.SIFT_TENANT_KEYS, rolesKeys: env.SIFT_ROLES_KEYS },
    ingest: deliverySettingsFromEnv(),
    sentryApi: sentryApiClientFromEnv(),
    publicIntegration: publicIntegrationFromEnv(),
    poll:
      env.SIFT_SENTRY_POLL_SECONDS > 0
        ? {
            intervalSeconds: env.SIFT_SENTRY_POLL_SECONDS,
            lookbackHours: env.SIFT_SENTRY_POLL_LOOKBACK_HOURS,
            sentryHosts: sentryHostsFrom({ sentryUrl: env.SENTRY_URL, apiUrl: env.SENTRY_API_URL }),
          }
        : undefined,
    llm: llmFromEnv(),
    eventRetentionDays: env.SIFT_RETENTION_DAYS ?? null,
    writeback: {
      defaultMode: env.SIFT_WRITEBACK,
      publicUrl: env.SIFT_PUBLIC_URL,
      maxAttempts: env.SIFT_WRITEBACK_MAX_ATTEMPTS,
      editAfterSeconds: env.SIFT_WRITEBACK_EDIT_AFTER_SECONDS,
    },
  };
}

/**
 * The public integration when SENTRY_CLIENT_ID is set. A missing secret or a missing or malformed
 * SIFT_ENCRYPTION_KEY turns it off with the reason, logged now and given by every job that needs it
 * (the grant exchange fails with it, for an admin to see); nothing is ever stored unencrypted.
 */
export function publicIntegrationFromEnv(): PublicIntegration | null {
  const { SENTRY_CLIENT_ID, SENTRY_CLIENT_SECRET, SIFT_ENCRYPTION_KEY, SENTRY_API_URL } = env;
  if (!SENTRY_CLIENT_ID) return null;
  const off = (reason: string) => {
    const error = `Sentry public integration is off: ${reason}`;
    console.error(`[sift] ${error}`);
    return { error };
  };
  if (!SENTRY_CLIENT_SECRET) return off("SENTRY_CLIENT_ID is set but SENTRY_CLIENT_SECRET is not");
  if (!SIFT_ENCRYPTION_KEY) {
    return off("SIFT_ENCRYPTION_KEY is not set; generate one with `openssl rand -base64 32`");
  }
  try {
    return {
      api: { baseUrl: SENTRY_API_URL },
      credentials: { clientId: SENTRY_CLIENT_ID, clientSecret: SENTRY_CLIENT_SECRET },
      keyring: [parseEncryptionKey(SIFT_ENCRYPTION_KEY)],
    };
  } catch (error) {
    return off((error as Error).message);
  }
}

/** The summary rephraser's settings when LLM_BASE_URL and LLM_MODEL are both set; else off. */
function llmFromEnv(): LlmSettings | null {
  const { LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS } = env;
  if (!LLM_BASE_URL || !LLM_MODEL) return null;
  return { baseUrl: LLM_BASE_URL, model: LLM_MODEL, apiKey: LLM_API_KEY ?? null, timeoutMs: LLM_TIMEOUT_MS };
}
