export type AccessTokenErrorReason =
  | "not_configured"
  | "idp_unavailable"
  | "malformed"
  | "expired"
  | "not_yet_valid"
  | "invalid_signature"
  | "unknown_key"
  | "algorithm_not_allowed"
  | "invalid_issuer"
  | "invalid_audience"
  | "invalid_claims";

/**
 * Why an access token was refused. "not_configured" and "idp_unavailable" are the server's or the
 * IdP's fault (answer 503); every other reason is the caller's (answer 401).
 */
export class AccessTokenError extends Error {
  readonly reason: AccessTokenErrorReason;
  /** For "idp_unavailable": when the keys will next be fetched, so a retry sooner is pointless. */
  readonly retryAfterSeconds?: number;

  constructor(
    reason: AccessTokenErrorReason,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = "AccessTokenError";
    this.reason = reason;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
