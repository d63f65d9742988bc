import { z } from "zod";
import { env } from "@/lib/env";
import { SentryApiError, SentryRateLimitError } from "./api-errors";
import { type SentryApiEvent, sentryApiEvent } from "./api-payload";
import { type SentryIssue, sentryIssue } from "./webhook-payload";

export type IssuePage = {
  issues: SentryIssue[];
  /** Entries of the page that did not match the issue shape; skipped, not fatal. */
  skipped: number;
  nextCursor: string | null;
};

export type SentryApiClient = {
  /** The issue's newest event with its full body, or null when Sentry does not know the issue. */
  getLatestEvent(issueId: string): Promise<SentryApiEvent | null>;
  /**
   * One page (≤100) of the organisation's issues of any status last seen after `since`, most
   * recently seen first (operationId listOrganizationIssues). Pass `nextCursor` for the next page.
   */
  listIssuesSeenSince(since: Date, cursor?: string): Promise<IssuePage>;
};

export type SentryApiClientOptions = {
  /** e.g. https://sentry.io or a self-hosted origin; `/api/0/…` is appended. */
  baseUrl: string;
  /** An internal integration's token (they do not expire) with Issue & Event: Read. */
  token: string;
  org: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
};

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
async function bodyExcerpt(response: Response): Promise<string> {
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
function nextCursorOf(link: string | null): string | null {
  for (const part of link?.split(/,\s*(?=<)/) ?? []) {
    if (!/;\s*rel="next"/.test(part) || !/;\s*results="true"/.test(part)) continue;
    return /;\s*cursor="([^"]+)"/.exec(part)?.[1] ?? null;
  }
  return null;
}

const issueArray = z.array(z.unknown());

export function createSentryApiClient(options: SentryApiClientOptions): SentryApiClient {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const base = `${options.baseUrl.replace(/\/+$/, "")}/api/0/organizations/${encodeURIComponent(options.org)}`;

  async function get(path: string): Promise<Response> {
    return doFetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${options.token}`, Accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  }

  async function failure(response: Response): Promise<SentryApiError> {
    const body = await bodyExcerpt(response);
    return response.status === 429
      ? new SentryRateLimitError(body, retryAtOf(response.headers, now()))
      : new SentryApiError(response.status, body);
  }

  return {
    async getLatestEvent(issueId) {
      const response = await get(`/issues/${encodeURIComponent(issueId)}/events/latest/`);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await failure(response);
      return sentryApiEvent.parse(await response.json());
    },

    async listIssuesSeenSince(since, cursor) {
      const query = new URLSearchParams({
        // Sentry's search syntax; an explicit query replaces the default "is:unresolved", so
        // resolved and ignored issues come too.
        query: `lastSeen:>${since.toISOString()}`,
        sort: "date",
        limit: "100",
        collapse: "stats",
      });
      if (cursor) query.set("cursor", cursor);
      const response = await get(`/issues/?${query}`);
      if (!response.ok) throw await failure(response);
      const items = issueArray.parse(await response.json());
      const issues: SentryIssue[] = [];
      for (const item of items) {
        const parsed = sentryIssue.safeParse(item);
        if (parsed.success) issues.push(parsed.data);
      }
      return {
        issues,
        skipped: items.length - issues.length,
        nextCursor: nextCursorOf(response.headers.get("link")),
      };
    },
  };
}

/** The client for the configured organisation, or null when SENTRY_API_TOKEN or SENTRY_ORG is unset. */
export function sentryApiClientFromEnv(): SentryApiClient | null {
  const { SENTRY_API_URL, SENTRY_API_TOKEN, SENTRY_ORG } = env;
  if (!SENTRY_API_TOKEN || !SENTRY_ORG) {
    if (SENTRY_API_TOKEN || SENTRY_ORG) {
      console.warn("[sift] SENTRY_API_TOKEN and SENTRY_ORG must both be set: Sentry API reads are off.");
    }
    return null;
  }
  return createSentryApiClient({ baseUrl: SENTRY_API_URL, token: SENTRY_API_TOKEN, org: SENTRY_ORG });
}
