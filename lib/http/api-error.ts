// No "server-only": the Pages Router webhook (pages/api/webhooks/sentry.ts) imports this, and that
// marker throws there. test/browser-imports.test.ts keeps it out of the browser instead.
import * as Sentry from "@sentry/nextjs";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

const statusByCode = {
  bad_request: 400,
  invalid_signature: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  bad_gateway: 502,
  not_configured: 503,
  idp_unavailable: 503,
  database_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof statusByCode;

type ApiErrorOptions = {
  details?: unknown;
  /** Sent as Retry-After: when trying again can help (a dependency that is down). */
  retryAfterSeconds?: number;
  /** Sent as Allow with a 405: the methods the route does serve. */
  allow?: string[];
};

/** The one error type route code throws; `toErrorResponse` turns it into JSON with its status. */
export class ApiError extends Error {
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;
  readonly allow?: string[];

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allow = options.allow;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** An answer as status, headers and JSON body, for routes that write to Node's response themselves. */
export type JsonReply<Body = unknown> = { status: number; headers: Record<string, string>; body: Body };

const reply = (
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): JsonReply<ErrorBody> => ({
  status,
  headers: { "Cache-Control": "no-store", ...headers },
  body,
});

/** The one mapping from what a route threw to what its caller is told. */
export function errorReply(error: unknown): JsonReply<ErrorBody> {
  if (error instanceof ApiError) {
    const headers: Record<string, string> = {};
    if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer error="invalid_token"';
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    if (error.allow !== undefined) headers.Allow = error.allow.join(", ");
    return reply(
      error.status,
      { error: { code: error.code, message: error.message, details: error.details } },
      headers,
    );
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = details[0];
    const message = first ? `Invalid ${first.path || "input"}: ${first.message}` : "Invalid input";
    return reply(400, { error: { code: "bad_request", message, details } });
  }
  Sentry.captureException(error);
  if (isDatabaseUnavailable(error)) {
    return reply(
      503,
      { error: { code: "database_unavailable", message: "The database is unreachable; retry shortly." } },
      { "Retry-After": "5" },
    );
  }
  return reply(500, { error: { code: "internal", message: "Internal error; it has been reported." } });
}

export function toErrorResponse(error: unknown): Response {
  const { status, headers, body } = errorReply(error);
  return Response.json(body, { status, headers });
}

export function withErrors<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
