import { storedAccessToken } from "@/lib/auth/stored-session";
import { issueListApiPath, issueListParamsFromUrl, normaliseIssueListParams } from "./issue-list-url";

// The list page's first request, started by an inline script at the top of the page, before any of
// its JavaScript has loaded. Started from the app's own code, it went out only once the bundles were
// evaluated (0.4–0.7 s after navigation), and its answer was read after hydration's first render:
// the rows came a render later, ~150 ms after the rest of the page (docs/benchmarks.md, 2026-12-06).
// The proxy names the request (it sees the URL), the layout puts the script in <head>, the list's
// query takes the answer (./issue-list-prefetch.ts). The server only names a path: the token stays
// in the browser, and the browser asks.

const LIST_PATHNAME = "/issues";
/** The request header the proxy sets for the layout; never taken from the client (proxy.ts overwrites it). */
export const EARLY_LIST_HEADER = "x-sift-early-list";
/** The window property the script leaves its request on. */
export const EARLY_LIST_GLOBAL = "__siftEarlyIssueList";
/** A token about to expire could lapse in flight; leave those to oidc-client-ts, which renews. */
const MIN_TOKEN_VALIDITY_SECONDS = 30;

/** An /api answer as the script keeps it: the status and the parsed body (undefined when not JSON). */
export type EarlyAnswer = { status: number; body: unknown };
export type EarlyListRequest = {
  path: string;
  /** performance.now() when it was sent. */
  sentAt: number;
  answer: Promise<EarlyAnswer>;
  /** Set once the answer is in, so the list's first render can show it without waiting a tick. */
  answered?: { answer: EarlyAnswer; at: number };
};

/** The API path of the list page's first page of rows for a page URL; null for any other page. */
export function earlyListPath(pathname: string, search: URLSearchParams): string | null {
  if (pathname !== LIST_PATHNAME) return null;
  return issueListApiPath(normaliseIssueListParams(issueListParamsFromUrl(search)), null);
}

/**
 * The path the proxy set, if it is one: requests the proxy does not see (RSC prefetches) keep
 * whatever header the client sent, so the layout takes only a list API path.
 */
export function earlyListPathFromHeader(value: string | null): string | null {
  return value?.startsWith(`/api${LIST_PATHNAME}?`) ? value : null;
}

/**
 * Runs in the browser from its source text, before any module exists: it may use only its
 * arguments and the browser's globals (the unit test runs it in an empty context to hold it to that).
 */
export function startEarlyListRequest(
  readToken: typeof storedAccessToken,
  path: string,
  userKey: string,
  minValiditySeconds: number,
  globalName: string,
): void {
  const token = readToken(window.localStorage, userKey, Date.now() / 1000, minValiditySeconds);
  if (!token) return;
  const answer = fetch(path, {
    headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
  }).then((response) =>
    response.json().then(
      (body: unknown) => ({ status: response.status, body }),
      () => ({ status: response.status, body: undefined }),
    ),
  );
  const request: EarlyListRequest = { path, sentAt: performance.now(), answer };
  answer.then(
    (result) => {
      request.answered = { answer: result, at: Date.now() };
    },
    // The list takes a failure and asks the usual way; one never taken is no unhandled rejection.
    () => undefined,
  );
  (window as unknown as Record<string, unknown>)[globalName] = request;
}

// JSON is not safe inside <script> as is: "</script>" or U+2028 in a string would end or break it.
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/** The inline script that starts the request for `path` with the token stored under `userKey`. */
export function earlyListScript(path: string, userKey: string): string {
  const args = [path, userKey, MIN_TOKEN_VALIDITY_SECONDS, EARLY_LIST_GLOBAL].map(scriptJson).join(",");
  // A storage the browser refuses (a privacy mode) must not stop the page: the list then asks itself.
  return `try{(${startEarlyListRequest.toString()})(${storedAccessToken.toString()},${args})}catch(e){}`;
}
