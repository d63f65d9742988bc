import "server-only";
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { AccessTokenError } from "./access-token-error";

export type IssuerKeysOptions = {
  /** Least time between two fetches of the keys: after an unknown kid, and after a failed fetch. */
  refetchSeconds: number;
  /** Keys older than this are fetched again before use. */
  maxAgeSeconds: number;
};

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

/**
 * The signing keys of one OpenID issuer, found through its discovery document and cached.
 *
 * jose's createRemoteJWKSet does the caching: keys are kept `maxAgeSeconds`, a token with an
 * unknown kid (the IdP rotated its keys) triggers one refetch, concurrent misses share that one
 * request, and further unknown kids within `refetchSeconds` (its cooldownDuration) are refused
 * without a fetch. It does not rate-limit failures, though: while the IdP is down every request
 * would try again. So fetches go through `guardedFetch`, which remembers a failure and, for
 * `refetchSeconds`, answers "idp_unavailable" with the seconds left instead of calling out.
 */
export function createIssuerKeys(issuer: string, options: IssuerKeysOptions): JWTVerifyGetKey {
  const windowMs = options.refetchSeconds * 1000;
  let failedAt: number | null = null;
  let jwks: Promise<JWTVerifyGetKey> | null = null;

  const unavailable = (what: string, cause?: unknown) => {
    const left = failedAt === null ? windowMs : failedAt + windowMs - Date.now();
    const retryAfterSeconds = Math.max(1, Math.ceil(left / 1000));
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return new AccessTokenError("idp_unavailable", `${what} of ${issuer} failed${detail}`, {
      cause,
      retryAfterSeconds,
    });
  };

  const guardedFetch = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    if (failedAt !== null && Date.now() < failedAt + windowMs) throw unavailable("fetching the keys");
    try {
      const response = await fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
      failedAt = null;
      return response;
    } catch (cause) {
      failedAt = Date.now();
      throw unavailable("fetching the keys", cause);
    }
  };

  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const response = await guardedFetch(url);
    let discovery: z.infer<typeof discoverySchema>;
    try {
      discovery = discoverySchema.parse(await response.json());
    } catch (cause) {
      failedAt = Date.now();
      throw unavailable("OpenID discovery", cause);
    }
    // OpenID Discovery §4.3: a document naming another issuer must not be trusted.
    if (discovery.issuer !== issuer) {
      failedAt = Date.now();
      throw unavailable("OpenID discovery", new Error(`the document names issuer ${discovery.issuer}`));
    }
    return createRemoteJWKSet(new URL(discovery.jwks_uri), {
      cooldownDuration: windowMs,
      cacheMaxAge: options.maxAgeSeconds * 1000,
      [customFetch]: guardedFetch,
    });
  };

  return async (header, token) => {
    if (!jwks) {
      jwks = discover();
      // Forget a failed discovery so a later request (after the window) tries again.
      jwks.catch(() => {
        jwks = null;
      });
    }
    return (await jwks)(header, token);
  };
}
