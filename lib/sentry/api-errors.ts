/** A non-2xx answer from Sentry's Web API; `body` is an excerpt, enough to diagnose without logging a whole event. */
export class SentryApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    message = `Sentry API answered ${status}: ${body}`,
  ) {
    super(message);
    this.name = "SentryApiError";
  }
}

/**
 * 429 from Sentry. Its rate limiter sends no Retry-After, only X-Sentry-Rate-Limit-Reset, so
 * `retryAt` is that reset (or a default): callers wait until then instead of failing.
 */
export class SentryRateLimitError extends SentryApiError {
  constructor(
    body: string,
    readonly retryAt: Date,
  ) {
    super(429, body, `Sentry API rate limit (${body}); retry at ${retryAt.toISOString()}`);
    this.name = "SentryRateLimitError";
  }
}

/** When Sentry said to come back (a 429's reset), or null for any other error. */
export function rateLimitResetOf(error: unknown): Date | null {
  return error instanceof SentryRateLimitError ? error.retryAt : null;
}
