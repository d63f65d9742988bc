import { SentryApiError, SentryRateLimitError } from "./api-errors";

export type SentryApiClientOptions = {
  /** e.g. https://sentry.io or a self-hosted origin; `/api/0/…` is appended. */
  baseUrl: string;
  /**
   * An internal integration's token (they do not expire), or a function giving the current token
   * of a public integration's installation (refreshed before it expires).
   */
  token: string | (() => Promise<string>);
  org: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
};

export type SentryRequest = (
  method: "GET" | "POST" | "PUT",
  path: string,
  options?: { query?: URLSearchParams; body?: unknown },
) => Promise<Response>;

// A worker waits on this call, so a hung connection must not hold its job lease for long.
const DEFAULT_TIMEOUT_MS = 10_000;
// Used when a 429 carries no X-Sentry-Rate-Limit-Reset; Sentry's windows are at most a minute or so.
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
const BODY_EXCERPT_CHARS = 300;

function retryAtOf(headers: Headers, now: Date): Date {
  const resetSeconds = Number(headers.get("x-sentry-rate-limit-reset"));
  return Number.isFinite(resetSeconds) && resetSeconds > 0
    ? new Date(resetSeconds * 1000)
    : new Date(now.getTime() + DEFAULT_RATE_LIMIT_WAIT_MS);
}

// Sentry's rate limiter answers with a JSON *string*, other errors with {"detail": …}.
export async function bodyExcerpt(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  let shown = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "string") shown = parsed;
  } catch {
    // Not JSON: show the text as it came.
  }
  return shown.slice(0, BODY_EXCERPT_CHARS);
}

// Sentry paginates with a Link header (https://docs.sentry.io/api/pagination/): `<url>; rel="next"; results="true"; cursor="0:100:0"`. Both rels always come;
// only a next with results="true" has more. Small enough that a Link-header library would add
// more than it saves.
export function nextCursorOf(link: string | null): string | null {
  for (const part of link?.split(/,\s*(?=<)/) ?? []) {
    if (!/;\s*rel="next"/.test(part) || !/;\s*results="true"/.test(part)) continue;
    return /;\s*cursor="([^"]+)"/.exec(part)?.[1] ?? null;
  }
  return null;
}

/**
 * One authenticated call to the organisation's API (`/api/0/organizations/{org}` + path), and the
 * error a non-2xx answer becomes: SentryRateLimitError for a 429 (with its reset), else SentryApiError.
 */
export function createSentryRequest(options: SentryApiClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const base = `${options.baseUrl.replace(/\/+$/, "")}/api/0/organizations/${encodeURIComponent(options.org)}`;
  const token =
    typeof options.token === "string" ? () => Promise.resolve(options.token as string) : options.token;

  const request: SentryRequest = async (method, path, { query, body } = {}) => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await token()}`,
      Accept: "application/json",
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return doFetch(`${base}${path}${query?.size ? `?${query}` : ""}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  };

  async function failure(response: Response): Promise<SentryApiError> {
    const body = await bodyExcerpt(response);
    return response.status === 429
      ? new SentryRateLimitError(body, retryAtOf(response.headers, now()))
      : new SentryApiError(response.status, body);
  }

  return { request, failure };
}
