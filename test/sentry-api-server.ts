import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for the one Sentry Web API call Sift makes, so tests exercise real HTTP (auth
// header, status codes, headers, bodies) without a network. It serves exactly
//   GET /api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/
// with event_id = "latest": operationId getOrganizationIssueEvent ("Retrieve an Issue Event") in
// getsentry/sentry-api-schema openapi-derefed.json 0.272.0, whose 200 example
// (ReturnAnIssueEvent) is byte-for-byte fixtures/api-examples/get-issue-event.json.
// Error bodies are Django REST framework's `{"detail": …}`; the 429 follows CONTRACT.md §3.4.

export type SentryApiServerOptions = {
  token: string;
  /** Latest event JSON by issue id, as Sentry would return it. */
  events: Record<string, unknown>;
  /** When set, requests for another organisation get 404 like an org the token cannot see. */
  org?: string;
  /** Answer the first authorised request with 429, as Sentry's rate limiter does. */
  rateLimitOnce?: boolean;
  /** X-Sentry-Rate-Limit-Reset of that 429, in seconds from now (default 30). */
  rateLimitResetSeconds?: number;
};

export type RecordedRequest = { method: string; path: string; auth: string | null };

export type SentryApiServer = {
  url: string;
  requests: RecordedRequest[];
  /** Epoch seconds sent in X-Sentry-Rate-Limit-Reset of the 429, once it was sent. */
  rateLimitReset: number | null;
  close: () => Promise<void>;
};

const LATEST_EVENT = /^\/api\/0\/organizations\/([^/]+)\/issues\/([^/]+)\/events\/latest\/$/;
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
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const auth = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? "", path, auth });
    if (!auth) return send(res, 401, { detail: "Authentication credentials were not provided." });
    if (auth !== `Bearer ${options.token}`) return send(res, 401, { detail: "Invalid token" });
    const match = LATEST_EVENT.exec(path);
    if (!match) return send(res, 404, { detail: "The requested resource does not exist" });
    if (req.method !== "GET") return send(res, 405, { detail: `Method "${req.method}" not allowed.` });
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (rateLimitPending) {
      rateLimitPending = false;
      state.rateLimitReset = nowSeconds + (options.rateLimitResetSeconds ?? 30);
      const message = `You are attempting to use this endpoint too frequently. Limit is ${LIMIT} requests in ${WINDOW_SECONDS} seconds`;
      return send(res, 429, message, rateLimitHeaders(state.rateLimitReset, 0));
    }
    const [, org, issueId] = match;
    const event = issueId === undefined ? undefined : options.events[decodeURIComponent(issueId)];
    if ((options.org && org !== options.org) || event === undefined) {
      return send(res, 404, { detail: "The requested resource does not exist" });
    }
    return send(res, 200, event, rateLimitHeaders(nowSeconds + WINDOW_SECONDS, LIMIT - 1));
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
