// One /api call with a token in hand. Kept apart from ./api-fetch.ts, which finds the token through
// oidc-client-ts, so the list's request started before hydration (./issue-list-prefetch.ts) can use
// it without loading the OIDC client first.

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

  if (!response.ok) throw await toRequestError(response);

  const body: unknown = await response.json().catch(() => undefined);
  // Not JSON at all (a proxy's error page, a stale tab after a deploy): say so instead of rendering nothing.
  if (typeof body !== "object" || body === null) {
    throw new ApiRequestError(
      response.status,
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

async function toRequestError(response: Response): Promise<ApiRequestError> {
  const error = errorOf(await response.json().catch(() => undefined));
  const code = error?.code ?? `http_${response.status}`;
  if (response.status === 401) return new ApiRequestError(401, code, SESSION_EXPIRED);
  const message = error?.message ?? `Request failed with ${response.status} ${response.statusText}`.trim();
  return new ApiRequestError(response.status, code, message);
}
