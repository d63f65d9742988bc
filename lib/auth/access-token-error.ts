export type AccessTokenErrorReason =
  | "not_configured"
  | "discovery_failed"
  | "malformed"
  | "expired"
  | "invalid_signature"
  | "unknown_key"
  | "algorithm_not_allowed"
  | "invalid_issuer"
  | "invalid_audience"
  | "invalid_claims";

/**
 * Why an access token was refused. "not_configured" and "discovery_failed" are the server's fault
 * (answer 5xx); every other reason is the caller's (answer 401).
 */
export class AccessTokenError extends Error {
  readonly reason: AccessTokenErrorReason;

  constructor(reason: AccessTokenErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AccessTokenError";
    this.reason = reason;
  }
}
