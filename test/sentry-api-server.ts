import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for the Sentry Web API calls Sift makes, so tests exercise real HTTP (auth
// header, status codes, headers, bodies) without a network. It serves exactly
//   GET /api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/
// with event_id = "latest": operationId getOrganizationIssueEvent ("Retrieve an Issue Event") in
// getsentry/sentry-api-schema openapi-derefed.json 0.272.0, whose 200 example
// (ReturnAnIssueEvent) is byte-for-byte fixtures/api-examples/get-issue-event.json; and
//   GET /api/0/organizations/{organization_id_or_slug}/issues/
// (operationId listOrganizationIssues) for `query=lastSeen:>ISO`, `sort=date`, `limit` and
// `cursor`, paginated with the Link header Sentry documents at https://docs.sentry.io/api/pagination/ (cursor "0:<offset>:0").
// Error bodies are Django REST framework's `{"detail": …}`; the 429 carries X-Sentry-Rate-Limit-* headers as https://docs.sentry.io/api/ratelimits/ describes.

export type SentryApiServerOptions = {
  token: string;
  /** Latest event JSON by issue id, as Sentry would return it. */
  events: Record<string, unknown>;
  /** The organisation's issues as the API returns them (objects with id and lastSeen at least). */
  issues?: Record<string, unknown>[];
  /** When set, requests for another organisation get 404 like an org the token cannot see. */
  org?: string;
  /** Answer the first authorised request with 429, as Sentry's rate limiter does. */
  rateLimitOnce?: boolean;
  /** Answer every authorised request with this status (a Sentry outage), e.g. 500. */
  failWith?: number;
  /** X-Sentry-Rate-Limit-Reset of that 429, in seconds from now (default 30). */
  rateLimitResetSeconds?: number;
};

export type RecordedRequest = { method: string; path: string; auth: string | null; query: string };

export type SentryApiServer = {
  url: string;
  requests: RecordedRequest[];
  /** Epoch seconds sent in X-Sentry-Rate-Limit-Reset of the 429, once it was sent. */
  rateLimitReset: number | null;
  close: () => Promise<void>;
};

const LATEST_EVENT = /^\/api\/0\/organizations\/([^/]+)\/issues\/([^/]+)\/events\/latest\/$/;
const ISSUES = /^\/api\/0\/organizations\/([^/]+)\/issues\/$/;
const LIMIT = 40;
const WINDOW_SECONDS = 1;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function rateLimitHeaders(reset: number, remaining: number): Record<string, string> {
  return {
    "X-Sentry-Rate-Limit-Limit": String(LIMIT),
    "X-Sentry-Rate-Limit-Remaining": String(remaining),
    "X-Sentry-Rate-Limit-Reset": String(reset),
    "X-Sentry-Rate-Limit-ConcurrentLimit": "25",
    "X-Sentry-Rate-Limit-ConcurrentRemaining": "24",
  };
}

export async function startSentryApiServer(options: SentryApiServerOptions): Promise<SentryApiServer> {
  const requests: RecordedRequest[] = [];
  let rateLimitPending = options.rateLimitOnce ?? false;
  const state: { rateLimitReset: number | null } = { rateLimitReset: null };

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const path = url.pathname;
    const auth = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? "", path, auth, query: url.search });
    if (!auth) return send(res, 401, { detail: "Authentication credentials were not provided." });
    if (auth !== `Bearer ${options.token}`) return send(res, 401, { detail: "Invalid token" });
    const match = LATEST_EVENT.exec(path);
    const list = ISSUES.exec(path);
    if (!match && !list) return send(res, 404, { detail: "The requested resource does not exist" });
    if (req.method !== "GET") return send(res, 405, { detail: `Method "${req.method}" not allowed.` });
    if (options.failWith) return send(res, options.failWith, { detail: "Internal Error" });
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (rateLimitPending) {
      rateLimitPending = false;
      state.rateLimitReset = nowSeconds + (options.rateLimitResetSeconds ?? 30);
      const message = `You are attempting to use this endpoint too frequently. Limit is ${LIMIT} requests in ${WINDOW_SECONDS} seconds`;
      return send(res, 429, message, rateLimitHeaders(state.rateLimitReset, 0));
    }
    if (list) return listIssues(url, list[1], res, nowSeconds);
    const [, org, issueId] = match ?? [];
    const event = issueId === undefined ? undefined : options.events[decodeURIComponent(issueId)];
    if ((options.org && org !== options.org) || event === undefined) {
      return send(res, 404, { detail: "The requested resource does not exist" });
    }
    return send(res, 200, event, rateLimitHeaders(nowSeconds + WINDOW_SECONDS, LIMIT - 1));
  }

  function listIssues(url: URL, org: string | undefined, res: ServerResponse, nowSeconds: number) {
    if (options.org && org !== options.org) {
      return send(res, 404, { detail: "The requested resource does not exist" });
    }
    const query = url.searchParams.get("query") ?? "is:unresolved";
    const since = /^lastSeen:>(\S+)$/.exec(query)?.[1];
    if (!since || Number.isNaN(Date.parse(since))) {
      return send(res, 400, { detail: `The stand-in only answers query=lastSeen:>ISO, not ${query}` });
    }
    const limit = Math.min(100, Number(url.searchParams.get("limit") ?? 100));
    const offset = Number(url.searchParams.get("cursor")?.split(":")[1] ?? 0);
    const seen = (issue: Record<string, unknown>) => Date.parse(String(issue.lastSeen));
    const matching = (options.issues ?? [])
      .filter((issue) => seen(issue) > Date.parse(since))
      .sort((a, b) => seen(b) - seen(a));
    const page = matching.slice(offset, offset + limit);
    const more = offset + limit < matching.length;
    const base = `${url.origin}${url.pathname}`;
    const link = [
      `<${base}?cursor=0:${Math.max(0, offset - limit)}:1>; rel="previous"; results="${offset > 0}"; cursor="0:${Math.max(0, offset - limit)}:1"`,
      `<${base}?cursor=0:${offset + limit}:0>; rel="next"; results="${more}"; cursor="0:${offset + limit}:0"`,
    ].join(", ");
    return send(res, 200, page, { ...rateLimitHeaders(nowSeconds + WINDOW_SECONDS, LIMIT - 1), Link: link });
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get rateLimitReset() {
      return state.rateLimitReset;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
