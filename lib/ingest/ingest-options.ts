import type { IdentityOptions } from "@/lib/analysis/identity";

export type IngestOptions = IdentityOptions & {
  /** Sentry sends our own API writes back as webhooks from this actor; they must not loop. */
  appId: string | null;
  receivedAt: Date;
  /**
   * A public integration is configured (SENTRY_CLIENT_ID): each delivery's installation tells which
   * organisation its project belongs to, recorded so the right token is used. Off, no delivery pays
   * for that lookup.
   */
  publicIntegration?: boolean;
  /**
   * Hosts (with their subdomains) that links into Sentry from payloads may point to: SENTRY_URL's,
   * or sentry.io and SENTRY_API_URL's (lib/sentry/payload-links.ts). Absent: sentry.io.
   */
  sentryHosts?: readonly string[];
  /** An issue analysed less than this long ago is re-analysed only then (absent: at once). */
  reanalyseAfterSeconds?: number;
};
