import "server-only";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { env } from "@/lib/env";
import { sentryApiClientFromEnv } from "@/lib/sentry/api-client";
import type { WorkerSettings } from "./job-kinds";

/**
 * Ownership rules come from SIFT_OWNERSHIP_RULES, one Sentry rule a line (a literal "\n" also
 * separates). Identity keys match ingest's, so fetched and delivered events are read alike.
 */
export function workerSettingsFromEnv(): WorkerSettings {
  return {
    rules: parseOwnershipRules(env.SIFT_OWNERSHIP_RULES.replaceAll("\\n", "\n")),
    fallbackOwner: env.SIFT_TRIAGE_TEAM,
    identity: { tenantKeys: env.SIFT_TENANT_KEYS, rolesKeys: env.SIFT_ROLES_KEYS },
    sentryApi: sentryApiClientFromEnv(),
    poll:
      env.SIFT_SENTRY_POLL_SECONDS > 0
        ? {
            intervalSeconds: env.SIFT_SENTRY_POLL_SECONDS,
            lookbackHours: env.SIFT_SENTRY_POLL_LOOKBACK_HOURS,
          }
        : undefined,
    writeback: {
      defaultMode: env.SIFT_WRITEBACK,
      publicUrl: env.SIFT_PUBLIC_URL,
      maxAttempts: env.SIFT_WRITEBACK_MAX_ATTEMPTS,
      editAfterSeconds: env.SIFT_WRITEBACK_EDIT_AFTER_SECONDS,
    },
  };
}
