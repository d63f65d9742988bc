import { z } from "zod";
import { getAccessToken } from "@/lib/auth/oidc-client";

/** A failed /api call, carrying the server's `{ error: { code, message } }` so the UI can show it verbatim. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
  }
}

const SESSION_EXPIRED = "Your session has expired. Sign in again to continue.";

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * Calls our own /api with the user's Bearer token and validates the JSON against `schema`.
 * The contract is shared with the server, so a parse failure means client and server are out of
 * step (e.g. a stale tab after a deploy); we surface it instead of rendering half-shaped data.
 */
export async function apiFetch<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const token = await getAccessToken();
  // Without a token the server can only answer 401, so skip the round trip.
  if (!token) throw new ApiRequestError(401, "unauthenticated", SESSION_EXPIRED);

  const headers = new Headers(init?.headers);
  headers.set("Accept", "application/json");
  headers.set("Authorization", `Bearer ${token}`);

  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (error) {
    // Let react-query see aborts as aborts (it cancels superseded requests).
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiRequestError(
      0,
      "network_error",
      "Could not reach the Sift API. Check your connection and retry.",
    );
  }

  if (!response.ok) throw await toRequestError(response);

  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError(
      response.status,
      "invalid_response",
      `Unexpected response from ${path}. Reload the page.`,
    );
  }
  return parsed.data;
}

async function toRequestError(response: Response): Promise<ApiRequestError> {
  const parsed = errorBody.safeParse(await response.json().catch(() => undefined));
  const code = parsed.success ? parsed.data.error.code : `http_${response.status}`;
  if (response.status === 401) return new ApiRequestError(401, code, SESSION_EXPIRED);
  const message = parsed.success
    ? parsed.data.error.message
    : `Request failed with ${response.status} ${response.statusText}`.trim();
  return new ApiRequestError(response.status, code, message);
}

/** react-query `retry`: 4xx answers won't change on retry, so fail fast; retry network and 5xx twice. */
export function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** The message to show for a failed query, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Unexpected error.";
}
