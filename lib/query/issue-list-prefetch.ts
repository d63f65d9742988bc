import { readStoredSessionConfig, storedAccessToken } from "@/lib/auth/stored-session";
import type { IssueListResponse } from "@/lib/contracts/issues";
import { requestApi } from "./api-request";
import { issueListApiPath, issueListParamsFromUrl, normaliseIssueListParams } from "./issue-list-url";

// The list page's first request, sent while the page's scripts are still being evaluated. Sent the
// usual way, it waits for hydration, the session gate's read of the stored user and the list's
// mount: on a loaded machine 0.5–0.8 s after navigation, most of the page's Largest Contentful
// Paint (docs/benchmarks.md, 2026-12-06). The first page's query takes this answer instead of
// asking again (lib/query/issues.ts).

const LIST_PATHNAME = "/issues";
/** A token about to expire could lapse in flight; leave those to oidc-client-ts, which renews. */
const MIN_TOKEN_VALIDITY_SECONDS = 30;
/** An answer this old is stale for a list that refreshes every 10 s; the query then asks again. */
const MAX_AGE_MS = 10_000;

type EarlyRequest = {
  path: string;
  sentAt: number;
  answer: Promise<IssueListResponse>;
  /** Set once the answer is in, so the list's first render can show it without waiting a tick. */
  answered?: { data: IssueListResponse; at: number };
};
let early: EarlyRequest | null = null;

/** Called once, from instrumentation-client.ts, before the app hydrates. */
export function prefetchIssueList(): void {
  if (window.location.pathname !== LIST_PATHNAME) return;
  const config = readStoredSessionConfig(document.documentElement);
  if (!config) return;
  const token = storedAccessToken(window.localStorage, config, Date.now() / 1000, MIN_TOKEN_VALIDITY_SECONDS);
  if (!token) return;
  const params = issueListParamsFromUrl(new URLSearchParams(window.location.search));
  const path = issueListApiPath(normaliseIssueListParams(params), null);
  const answer = requestApi<IssueListResponse>(path, token);
  const request: EarlyRequest = { path, sentAt: performance.now(), answer };
  answer.then(
    (data) => {
      request.answered = { data, at: Date.now() };
    },
    // Whoever takes it handles a failure; one never taken must not count as an unhandled rejection.
    () => undefined,
  );
  early = request;
}

/** The early answer for `path` if it is already in, once; react-query's initial data for the list. */
export function takeAnsweredIssueList(path: string): { data: IssueListResponse; at: number } | null {
  if (!early?.answered || early.path !== path || performance.now() - early.sentAt > MAX_AGE_MS) return null;
  const { answered } = early;
  early = null;
  return answered;
}

/** The early answer for `path`, once: later refreshes and other filters ask the API themselves. */
export function takePrefetchedIssueList(path: string): Promise<IssueListResponse> | null {
  const taken = early;
  early = null;
  if (!taken || taken.path !== path || performance.now() - taken.sentAt > MAX_AGE_MS) return null;
  return taken.answer;
}
