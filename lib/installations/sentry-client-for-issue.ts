import type { Database } from "@/lib/db/connect";
import { getIssueOrg } from "@/lib/db/queries/installations";
import { createSentryApiClient, type SentryApiClient } from "@/lib/sentry/api-client";
import { getInstallationToken } from "./installation-tokens";
import { installationSettingsOrThrow, type PublicIntegration } from "./public-integration";

/** The Sentry client for one issue's organisation, or null when Sift may not call Sentry for it. */
export type SentryClientForIssue = (db: Database, issueId: string) => Promise<SentryApiClient | null>;

/**
 * Picks the token an issue's calls are made with:
 * - its project's organisation installed the public integration → that installation's token
 *   (refreshed as needed); deleted there → none, every call for that organisation stops;
 * - else the internal integration's client (SENTRY_API_TOKEN), when its organisation is the
 *   project's or the project's is unknown; else none.
 */
export function createSentryClientResolver(options: {
  internal: SentryApiClient | null;
  publicIntegration: PublicIntegration | null;
  /** Per-installation clients' request options (the internal client has its own). */
  client?: { timeoutMs?: number; fetch?: typeof fetch };
}): SentryClientForIssue {
  return async (db, issueId) => {
    const org = await getIssueOrg(db, issueId);
    if (!org) return null;
    const { installation } = org;
    if (installation) {
      if (installation.status === "deleted") return null;
      const settings = installationSettingsOrThrow(options.publicIntegration);
      return createSentryApiClient({
        baseUrl: settings.api.baseUrl,
        org: installation.orgSlug,
        token: () => getInstallationToken(db, installation.uuid, settings),
        ...options.client,
      });
    }
    if (org.orgSlug && options.internal && org.orgSlug !== options.internal.org) return null;
    return options.internal;
  };
}
