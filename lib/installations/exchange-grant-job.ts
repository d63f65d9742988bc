import { z } from "zod";
import { EXCHANGE_GRANT_JOB } from "@/lib/db/queries/installations";
import type { JobKind } from "@/lib/jobs/job-kind";
import { exchangeGrantCode } from "./installation-tokens";
import { installationSettingsOrThrow, type PublicIntegration } from "./public-integration";

// The grant code lives ten minutes: retries come quickly and stop well before it expires.
const ATTEMPTS = 6;

/**
 * installation.created's grant code → the installation's first token pair, subject the installation
 * uuid. Without a usable configuration the job fails with the reason, for an admin to see.
 */
export function exchangeGrantJob(integration: PublicIntegration | null): JobKind {
  return {
    name: EXCHANGE_GRANT_JOB,
    subject: z.uuid(),
    retry: { maxAttempts: ATTEMPTS, backoffSeconds: (attempts) => Math.min(60, 2 ** attempts) },
    async run({ db, subjectId }) {
      const outcome = await exchangeGrantCode(db, subjectId, installationSettingsOrThrow(integration));
      if (outcome === "expired") {
        console.warn(
          `[sift worker] Sentry installation ${subjectId}: grant code expired before its exchange; reinstall the integration`,
        );
      }
    },
  };
}
