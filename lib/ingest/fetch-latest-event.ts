import type { IdentityOptions } from "@/lib/analysis/identity";
import type { Database } from "@/lib/db/connect";
import { toStorableJson } from "@/lib/db/storable-json";
import type { SentryApiClient } from "@/lib/sentry/api-client";
import { eventFromApi } from "@/lib/sentry/api-to-event";
import { storeEvent } from "./store-event";

/**
 * Webhooks are not enough: `issue.created` carries no stack trace, and without `error.created`
 * (Business plan) no event ever arrives by webhook. So an issue with no stored event gets its
 * latest event read from Sentry's API and stored exactly like a delivered one. Returns whether a
 * row was written; false when Sentry does not know the issue (404). Other API errors, including
 * SentryRateLimitError, propagate so the job is retried or deferred.
 */
export async function storeLatestEventFromSentry(
  db: Database,
  issueId: string,
  client: SentryApiClient,
  identity: IdentityOptions,
): Promise<boolean> {
  const apiEvent = await client.getLatestEvent(issueId);
  if (!apiEvent) return false;
  return storeEvent(db, eventFromApi(toStorableJson(apiEvent), issueId, new Date()), identity);
}
