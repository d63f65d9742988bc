import type { IdentityOptions } from "@/lib/analysis/identity";

export type IngestOptions = IdentityOptions & {
  /** Sentry sends our own API writes back as webhooks from this actor; they must not loop. */
  appId: string | null;
  receivedAt: Date;
  /** An issue analysed less than this long ago is re-analysed only then (absent: at once). */
  reanalyseAfterSeconds?: number;
};
