import "server-only";
import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { z } from "zod";
import { env } from "@/lib/env";
import { AccessTokenError, type AccessTokenErrorReason } from "./access-token-error";
import { createIssuerKeys } from "./issuer-keys";
import { type Principal, parseRoles, readClaim } from "./roles";

export type { AccessTokenErrorReason } from "./access-token-error";
export { AccessTokenError } from "./access-token-error";

// One key cache per issuer for the life of the process (see issuer-keys.ts for its refetch rules).
const keysByIssuer = new Map<string, JWTVerifyGetKey>();

// Display claims are optional and never worth refusing a token over.
const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().nullish().catch(null),
  email: z.string().nullish().catch(null),
  tenant_id: z.string().nullish().catch(null),
});

/**
 * Verifies a Bearer access token against OIDC_ISSUER's keys: signature with an allowed algorithm
 * (OIDC_ALGORITHMS), issuer, audience, and expiry and not-before within OIDC_CLOCK_SKEW_SECONDS.
 * Returns the caller; throws AccessTokenError on any failure. A token without a known role yields
 * `roles: []`: callers decide what that may see.
 */
export async function verifyAccessToken(token: string): Promise<Principal> {
  const issuer = env.OIDC_ISSUER;
  if (!issuer) throw new AccessTokenError("not_configured", "OIDC_ISSUER is not set");

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keysOf(issuer), {
      issuer,
      audience: env.OIDC_AUDIENCE,
      algorithms: env.OIDC_ALGORITHMS,
      clockTolerance: env.OIDC_CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "sub"],
    }));
  } catch (error) {
    // Not jose's and not ours: a bug, to be reported as one (500), not blamed on the token.
    if (!(error instanceof errors.JOSEError || error instanceof AccessTokenError)) throw error;
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

function keysOf(issuer: string): JWTVerifyGetKey {
  let keys = keysByIssuer.get(issuer);
  if (!keys) {
    keys = createIssuerKeys(issuer, {
      refetchSeconds: env.OIDC_JWKS_REFETCH_SECONDS,
      maxAgeSeconds: env.OIDC_JWKS_MAX_AGE_SECONDS,
    });
    keysByIssuer.set(issuer, keys);
  }
  return keys;
}

const reasonByJoseCode: Record<string, AccessTokenErrorReason> = {
  ERR_JWT_EXPIRED: "expired",
  ERR_JOSE_ALG_NOT_ALLOWED: "algorithm_not_allowed",
  ERR_JOSE_NOT_SUPPORTED: "algorithm_not_allowed",
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "invalid_signature",
  ERR_JWKS_NO_MATCHING_KEY: "unknown_key",
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: "unknown_key",
  // The IdP's keys could not be loaded or read: its fault, not the caller's.
  ERR_JOSE_GENERIC: "idp_unavailable",
  ERR_JWKS_TIMEOUT: "idp_unavailable",
  ERR_JWKS_INVALID: "idp_unavailable",
};

const reasonByClaim: Record<string, AccessTokenErrorReason> = {
  iss: "invalid_issuer",
  aud: "invalid_audience",
  nbf: "not_yet_valid",
};

function toAccessTokenError(error: errors.JOSEError | AccessTokenError): AccessTokenError {
  if (error instanceof AccessTokenError) return error;
  const reason =
    error instanceof errors.JWTClaimValidationFailed
      ? (reasonByClaim[error.claim] ?? "invalid_claims")
      : (reasonByJoseCode[error.code] ?? "malformed");
  return new AccessTokenError(reason, error.message || "invalid access token", { cause: error });
}
