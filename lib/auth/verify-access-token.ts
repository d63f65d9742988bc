import "server-only";
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import { z } from "zod";
import { env } from "@/lib/env";
import { AccessTokenError, type AccessTokenErrorReason } from "./access-token-error";
import { type Principal, parseRoles, readClaim } from "./roles";

export type { AccessTokenErrorReason } from "./access-token-error";
export { AccessTokenError } from "./access-token-error";

type RemoteJwks = ReturnType<typeof createRemoteJWKSet>;

// One JWKS per issuer for the life of the process: jose caches keys and refetches on an unknown kid.
const jwksByIssuer = new Map<string, Promise<RemoteJwks>>();

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

// Display claims are optional and never worth refusing a token over.
const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().nullish().catch(null),
  email: z.string().nullish().catch(null),
  tenant_id: z.string().nullish().catch(null),
});

/**
 * Verifies a Bearer access token against OIDC_ISSUER's JWKS (issuer, audience, expiry, allowed
 * algorithms) and returns the caller. Throws AccessTokenError on any failure. A token without a
 * known role yields `roles: []`: callers decide what that may see.
 */
export async function verifyAccessToken(token: string): Promise<Principal> {
  const issuer = env.OIDC_ISSUER;
  if (!issuer) throw new AccessTokenError("not_configured", "OIDC_ISSUER is not set");
  const jwks = await getJwks(issuer);

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwks, {
      issuer,
      audience: env.OIDC_AUDIENCE,
      algorithms: env.OIDC_ALGORITHMS,
      requiredClaims: ["exp", "sub"],
    }));
  } catch (error) {
    throw toAccessTokenError(error);
  }

  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new AccessTokenError("invalid_claims", "access token has no subject");
  return {
    sub: claims.data.sub,
    name: claims.data.name ?? null,
    email: claims.data.email ?? null,
    roles: parseRoles(readClaim(payload, env.OIDC_ROLES_CLAIM)),
    tenantId: claims.data.tenant_id ?? null,
  };
}

function getJwks(issuer: string): Promise<RemoteJwks> {
  let jwks = jwksByIssuer.get(issuer);
  if (!jwks) {
    jwks = discoverJwks(issuer);
    // Forget failures so the next request retries instead of failing until restart.
    jwks.catch(() => jwksByIssuer.delete(issuer));
    jwksByIssuer.set(issuer, jwks);
  }
  return jwks;
}

async function discoverJwks(issuer: string): Promise<RemoteJwks> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const discovery = discoverySchema.parse(await response.json());
    // OpenID Discovery §4.3: a document for another issuer must not be trusted.
    if (discovery.issuer !== issuer) throw new Error(`discovery names issuer ${discovery.issuer}`);
    return createRemoteJWKSet(new URL(discovery.jwks_uri));
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new AccessTokenError("discovery_failed", `OpenID discovery failed for ${url}: ${message}`, {
      cause,
    });
  }
}

const reasonByJoseCode: Record<string, AccessTokenErrorReason> = {
  ERR_JWT_EXPIRED: "expired",
  ERR_JOSE_ALG_NOT_ALLOWED: "algorithm_not_allowed",
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "invalid_signature",
  ERR_JWKS_NO_MATCHING_KEY: "unknown_key",
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: "unknown_key",
  // The IdP's keys could not be loaded: its fault, not the caller's.
  ERR_JOSE_GENERIC: "discovery_failed",
  ERR_JWKS_TIMEOUT: "discovery_failed",
  ERR_JWKS_INVALID: "discovery_failed",
};

function toAccessTokenError(error: unknown): AccessTokenError {
  const { code, claim, message } = (error ?? {}) as { code?: string; claim?: string; message?: string };
  let reason: AccessTokenErrorReason;
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") {
    reason = claim === "iss" ? "invalid_issuer" : claim === "aud" ? "invalid_audience" : "invalid_claims";
  } else if (code === undefined) {
    reason = "discovery_failed"; // fetch() itself failed: the IdP is unreachable.
  } else {
    reason = reasonByJoseCode[code] ?? "malformed";
  }
  return new AccessTokenError(reason, message ?? "invalid access token", { cause: error });
}
