import { z } from "zod";
import { SentryApiError } from "./api-errors";
import { bodyExcerpt } from "./api-request";
import { isoDate } from "./webhook-payload";

/** A public integration's credentials: they go in the JSON body, Sentry reads no Basic auth here. */
export type AppCredentials = { clientId: string; clientSecret: string };

export type AppGrant =
  | { grant_type: "authorization_code"; code: string }
  | { grant_type: "refresh_token"; refresh_token: string };

export type AppTokens = { token: string; refreshToken: string; expiresAt: Date };

export type AppAuthorizationOptions = {
  baseUrl: string;
  fetch?: typeof fetch;
  /** Shorter than the database's idle-in-transaction timeout: a refresh waits inside a row lock. */
  timeoutMs?: number;
};

const appTokens = z.looseObject({
  token: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: isoDate,
});

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Trades a grant code (from installation.created) or a refresh token for a new token pair of one
 * installation: POST /api/0/sentry-app-installations/{uuid}/authorizations/ → 201. Both are single
 * use: Sentry deletes the code, and a refresh deletes the old pair. A non-201 throws SentryApiError.
 */
export async function requestAppTokens(
  options: AppAuthorizationOptions,
  installationUuid: string,
  grant: AppGrant,
  credentials: AppCredentials,
): Promise<AppTokens> {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/api/0/sentry-app-installations/${encodeURIComponent(installationUuid)}/authorizations/`;
  const response = await (options.fetch ?? fetch)(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      ...grant,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }),
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  });
  if (response.status !== 201) throw new SentryApiError(response.status, await bodyExcerpt(response));
  const body = appTokens.parse(await response.json());
  return { token: body.token, refreshToken: body.refreshToken, expiresAt: new Date(body.expiresAt) };
}
