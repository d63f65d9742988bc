import type { IssueListResponse } from "@/lib/contracts/issues";
import { apiAnswer } from "./api-request";
import { EARLY_LIST_GLOBAL, type EarlyListRequest } from "./early-list-request";

// The list page's request sent by the page's first script (./early-list-request.ts), handed to the
// list's query (./issues.ts) once: later refreshes and other filters ask the API themselves.

/** An answer this old is stale for a list that refreshes every 10 s; the query then asks again. */
const MAX_AGE_MS = 10_000;

function holder(): Record<string, EarlyListRequest | undefined> | null {
  return typeof window === "undefined" ? null : (window as unknown as Record<string, EarlyListRequest>);
}

/** The early request if it asked for `path` and is fresh; taken once, whatever it asked for. */
function take(path: string, onlyAnswered: boolean): EarlyListRequest | null {
  const globals = holder();
  const early = globals?.[EARLY_LIST_GLOBAL];
  if (!globals || !early || (onlyAnswered && !early.answered)) return null;
  delete globals[EARLY_LIST_GLOBAL];
  return early.path === path && performance.now() - early.sentAt <= MAX_AGE_MS ? early : null;
}

/** The early answer for `path` if it is already in and good; react-query's initial data for the list. */
export function takeAnsweredIssueList(path: string): { data: IssueListResponse; at: number } | null {
  const answered = take(path, true)?.answered;
  if (!answered) return null;
  try {
    return {
      data: apiAnswer<IssueListResponse>(path, answered.answer.status, answered.answer.body),
      at: answered.at,
    };
  } catch {
    // Refused (an expired token): the query asks the usual way, which renews the token first.
    return null;
  }
}

/** The early answer for `path`, once, as the list's first page; it rejects as the API call would. */
export function takePrefetchedIssueList(path: string): Promise<IssueListResponse> | null {
  const early = take(path, false);
  return early
    ? early.answer.then(({ status, body }) => apiAnswer<IssueListResponse>(path, status, body))
    : null;
}
