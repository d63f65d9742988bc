// One /api call with a token in hand, and what an answer means. Kept apart from ./api-fetch.ts,
// which finds the token through oidc-client-ts, so reading the answer of the list's request sent by
// the page's first script (./issue-list-prefetch.ts) does not load the OIDC client.

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

export const SESSION_EXPIRED = "Your session has expired. Sign in again to continue.";

/**
 * Calls our own /api with the Bearer `token`; `T` is the route's response type from lib/contracts.
 * The server builds each body as that type and its route tests parse it with the contract's
 * schema, so the browser does not parse it again: zod (~30 KB gzipped) stays out of the pages'
 * JavaScript, as STYLE.md keeps zod to the inbound edges.
 */
export async function requestApi<T>(path: string, token: string, init?: RequestInit): Promise<T> {
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

  const body: unknown = await response.json().catch(() => undefined);
  return apiAnswer<T>(path, response.status, body, response.statusText);
}

/**
 * What an /api answer means: its body as `T` when the status is 2xx and the body an object, else
 * the ApiRequestError to show. Also reads the answer of the list's request started before the
 * bundles load (./early-list-request.ts), which keeps only the status and the parsed body.
 */
export function apiAnswer<T>(path: string, status: number, body: unknown, statusText = ""): T {
  if (status < 200 || status > 299) {
    const error = errorOf(body);
    const code = error?.code ?? `http_${status}`;
    if (status === 401) throw new ApiRequestError(401, code, SESSION_EXPIRED);
    throw new ApiRequestError(
      status,
      code,
      error?.message ?? `Request failed with ${status} ${statusText}`.trim(),
    );
  }
  // Not JSON at all (a proxy's error page, a stale tab after a deploy): say so instead of rendering nothing.
  if (typeof body !== "object" || body === null) {
    throw new ApiRequestError(
      status,
      "invalid_response",
      `Unexpected response from ${path}. Reload the page.`,
    );
  }
  return body as T;
}

/** The `{ error: { code, message } }` every failed /api answer carries (lib/http/api-error.ts), if this one does. */
function errorOf(body: unknown): { code: string; message: string } | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string"
    ? { code: error.code, message: error.message }
    : null;
}
