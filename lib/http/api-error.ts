import "server-only";
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
};

/** The one error type route code throws; `toErrorResponse` turns it into JSON with its status. */
export class ApiError extends Error {
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const json = (status: number, body: ErrorBody, headers?: HeadersInit) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    const headers: Record<string, string> = {};
    if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer error="invalid_token"';
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    return json(
      error.status,
      { error: { code: error.code, message: error.message, details: error.details } },
      headers,
    );
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = details[0];
    const message = first ? `Invalid ${first.path || "input"}: ${first.message}` : "Invalid input";
    return json(400, { error: { code: "bad_request", message, details } });
  }
  Sentry.captureException(error);
  if (isDatabaseUnavailable(error)) {
    return json(
      503,
      { error: { code: "database_unavailable", message: "The database is unreachable; retry shortly." } },
      { "Retry-After": "5" },
    );
  }
  return json(500, { error: { code: "internal", message: "Internal error; it has been reported." } });
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
