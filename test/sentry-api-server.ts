import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkRequest, loadOperations, responseSchemaOf, validate } from "./openapi-check";

// A local stand-in for the Sentry Web API calls Sift makes, so tests exercise real HTTP (auth
// header, status codes, headers, bodies) without a network. Every request is checked against
// Sentry's published API description (test/openapi-check.ts); a request Sentry does not document
// is answered 400 and recorded in `mismatches`, which tests assert is empty. It serves:
//   GET  …/organizations/{org}/issues/{issue_id}/events/latest/   getOrganizationIssueEvent (200 example
//        = fixtures/api-examples/get-issue-event.json)
//   GET  …/organizations/{org}/issues/                            listOrganizationIssues: query=lastSeen:>ISO,
//        sort, limit, cursor, paginated with the Link header (https://docs.sentry.io/api/pagination/)
//   GET|PUT …/organizations/{org}/issues/{issue_id}/              getOrganizationIssue / updateOrganizationIssue
//        (assignedTo: "team:<id>", "user:<id>"; status, substatus, statusDetails); the issue is
//        get-issue.json with its id, assignee and workflow state
//   GET  …/organizations/{org}/teams/                             listOrganizationTeams, paginated
//   GET|POST …/organizations/{org}/issues/{issue_id}/comments/ and PUT …/comments/{note_id}/: notes, with
//        Sentry's 400 "You have already posted that comment." for the same text by the same user within an hour
//   GET  …/organizations/{org}/releases/{version}/commits/       listOrganizationReleaseCommits, paginated
//        (entries shaped like fixtures/api-examples/list-release-commits.json)
//   GET  …/organizations/{org}/releases/{version}/commitfiles/   the files of those commits, as Sentry's
//        CommitFileChangeSerializer writes them ({id, orgId, author, commitMessage, filename, type, repoName})
//   POST …/sentry-app-installations/{uuid}/authorizations/    a public integration's tokens: the
//        authorization_code grant (codes of `installations`, single use) and the refresh_token grant
//        (single use: the old pair stops working); client_id/client_secret in the body. Tokens expire
//        after tokenLifetimeSeconds (Sentry: 8 h); a live installation token opens its own org's routes.
// Errors are Django REST framework's `{"detail": …}`; responses carry X-Sentry-Rate-Limit-* headers
// (https://docs.sentry.io/api/ratelimits/), and a 429 has no Retry-After, like Sentry's.
// Faults can be injected on chosen requests: 429 with a reset, 500, 503, no answer, a reset
// connection; before the request takes effect or after (Sentry did it, Sift never heard).

const fixtures = process.env.SIFT_FIXTURES_DIR ?? `${process.cwd()}/../shared/sentry/fixtures`;
const operations = loadOperations(`${fixtures}/openapi/openapi-derefed.json`);
const releaseCommitsSchema = responseSchemaOf(
  `${fixtures}/openapi/openapi-derefed.json`,
  "get",
  "/api/0/organizations/{organization_id_or_slug}/releases/{version}/commits/",
);
const issueTemplate = JSON.parse(readFileSync(`${fixtures}/api-examples/get-issue.json`, "utf8"));

export type Assignee = { type: "user" | "team"; id: string; name: string; email?: string };
export type Team = { id: string; slug: string; name?: string };
export type WorkflowState = {
  status: string;
  substatus: string | null;
  statusDetails: Record<string, unknown>;
};
export type Note = { id: string; text: string; userId: string; createdAt: number; updatedAt: number };

export type Fault = {
  method?: string;
  /** Matched against the request path, e.g. /comments\/$/. */
  path?: RegExp;
  kind: "429" | "500" | "503" | "timeout" | "reset";
  /** before (default): nothing happens in Sentry; after: the request takes effect, then the answer fails. */
  when?: "before" | "after";
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** The 429's X-Sentry-Rate-Limit-Reset, in seconds from now (default 30). */
  resetSeconds?: number;
};

export type StandInInstallation = { uuid: string; org: string; code: string };

export type SentryApiServerOptions = {
  /** The internal integration's token: it opens every organisation's routes (but see `org`). */
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
  /** The organisation's teams (default: none). */
  teams?: Team[];
  /** Issues already assigned, by id. */
  assignees?: Record<string, Assignee | null>;
  /** Issue ids Sentry does not know (404); any other numeric id is an issue. */
  unknownIssues?: string[];
  /** Largest page of the teams and comments lists, whatever per_page asks (Sentry: 100). */
  pageSize?: number;
  /** Public integration installations whose grant code can be exchanged once. */
  installations?: StandInInstallation[];
  /** The public integration's credentials (default "sift-client-id" / "sift-client-secret"). */
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued installation tokens (Sentry: 8 h). */
  tokenLifetimeSeconds?: number;
  /** Releases Sentry knows, by version: their commits and the files those changed (any other: 404). */
  releases?: Record<string, { commits: unknown[]; files: unknown[] }>;
};

/** A token pair issued to an installation; `revoked` once refreshed. */
export type IssuedTokens = {
  uuid: string;
  org: string;
  token: string;
  refreshToken: string;
  expiresAt: number;
  revoked: boolean;
};

export type RecordedRequest = {
  method: string;
  path: string;
  auth: string | null;
  query: string;
  body?: unknown;
};

export type SentryApiServer = {
  url: string;
  requests: RecordedRequest[];
  /** Requests that do not match Sentry's API description; a test fails on any. */
  mismatches: string[];
  /** Epoch seconds sent in X-Sentry-Rate-Limit-Reset of the last 429, once one was sent. */
  rateLimitReset: number | null;
  /** Notes per issue id, oldest first. */
  comments: Map<string, Note[]>;
  assignees: Map<string, Assignee | null>;
  /** Status, substatus and statusDetails of issues changed (by Sift's PUTs or a test), by id. */
  workflow: Map<string, WorkflowState>;
  /** Adds a fault for the next matching requests. */
  inject: (fault: Fault) => void;
  /** Every installation token pair issued, oldest first. */
  issued: IssuedTokens[];
  /** Moves every note's time back, e.g. past Sentry's one-hour duplicate window. */
  ageComments: (seconds: number) => void;
  close: () => Promise<void>;
};

const LIMIT = 40;
const WINDOW_SECONDS = 1;
const DUPLICATE_WINDOW_MS = 3_600_000;
// The integration's proxy user: every note the token posts is by this user.
const TOKEN_USER = "9001";

const ORG = "/api/0/organizations/([^/]+)";
const routes = {
  latestEvent: new RegExp(`^${ORG}/issues/(\\d+)/events/latest/$`),
  issues: new RegExp(`^${ORG}/issues/$`),
  issue: new RegExp(`^${ORG}/issues/(\\d+)/$`),
  teams: new RegExp(`^${ORG}/teams/$`),
  comments: new RegExp(`^${ORG}/issues/(\\d+)/comments/$`),
  comment: new RegExp(`^${ORG}/issues/(\\d+)/comments/(\\d+)/$`),
  releaseCommits: new RegExp(`^${ORG}/releases/([^/]+)/commits/$`),
  releaseCommitFiles: new RegExp(`^${ORG}/releases/([^/]+)/commitfiles/$`),
};
const AUTHORIZATIONS = /^\/api\/0\/sentry-app-installations\/([^/]+)\/authorizations\/$/;
const EIGHT_HOURS = 8 * 3600;

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

function linkHeader(url: URL, offset: number, limit: number, more: boolean): string {
  const base = `${url.origin}${url.pathname}`;
  const previous = Math.max(0, offset - limit);
  return [
    `<${base}?cursor=0:${previous}:1>; rel="previous"; results="${offset > 0}"; cursor="0:${previous}:1"`,
    `<${base}?cursor=0:${offset + limit}:0>; rel="next"; results="${more}"; cursor="0:${offset + limit}:0"`,
  ].join(", ");
}

async function readBody(req: IncomingMessage): Promise<{ text: string; json: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return { text, json: undefined };
  try {
    return { text, json: JSON.parse(text) };
  } catch {
    return { text, json: Symbol.for("invalid json") };
  }
}

export async function startSentryApiServer(options: SentryApiServerOptions): Promise<SentryApiServer> {
  const requests: RecordedRequest[] = [];
  const mismatches: string[] = [];
  // What the stand-in serves must be what Sentry could answer, or a test would prove nothing.
  for (const [version, release] of Object.entries(options.releases ?? {})) {
    if (!releaseCommitsSchema) throw new Error("listOrganizationReleaseCommits has no 200 schema");
    mismatches.push(...validate(releaseCommitsSchema, release.commits, `release ${version} commits`));
  }
  const faults: Fault[] = [];
  const comments = new Map<string, Note[]>();
  const assignees = new Map<string, Assignee | null>(Object.entries(options.assignees ?? {}));
  const workflow = new Map<string, WorkflowState>();
  const teams = options.teams ?? [];
  const issued: IssuedTokens[] = [];
  const unusedCodes = new Map((options.installations ?? []).map((i) => [i.code, i]));
  let nextNoteId = 1000;
  let rateLimitPending = options.rateLimitOnce ?? false;
  const state: { rateLimitReset: number | null } = { rateLimitReset: null };
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const okHeaders = () => rateLimitHeaders(nowSeconds() + WINDOW_SECONDS, LIMIT - 1);
  const notFound = (res: ServerResponse) =>
    send(res, 404, { detail: "The requested resource does not exist" });

  function takeFault(method: string, path: string): Fault | null {
    const index = faults.findIndex(
      (f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)),
    );
    const fault = faults[index];
    if (!fault) return null;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function rateLimited(res: ServerResponse, resetSeconds: number) {
    state.rateLimitReset = nowSeconds() + resetSeconds;
    const message = `You are attempting to use this endpoint too frequently. Limit is ${LIMIT} requests in ${WINDOW_SECONDS} seconds`;
    send(res, 429, message, rateLimitHeaders(state.rateLimitReset, 0));
  }

  // Answers as the fault says; a timeout never answers (the socket stays open until close()).
  function fail(res: ServerResponse, fault: Fault) {
    if (fault.kind === "timeout") return;
    if (fault.kind === "reset") {
      res.socket?.destroy();
      return;
    }
    if (fault.kind === "429") return rateLimited(res, fault.resetSeconds ?? 30);
    send(res, Number(fault.kind), {
      detail: fault.kind === "503" ? "Service Unavailable" : "Internal Error",
    });
  }

  const issueOf = (id: string) => ({
    ...issueTemplate,
    ...options.issues?.find((issue) => String(issue.id) === id),
    id,
    assignedTo: assignees.get(id) ?? null,
    ...workflow.get(id),
  });

  // Sentry's GroupValidator: archiving is status "ignored" with an archived_* substatus; resolving and
  // reopening set the substatus themselves.
  function changeStatus(issueId: string, change: Partial<WorkflowState>) {
    if (change.status === undefined) return;
    const substatus =
      change.status === "ignored"
        ? (change.substatus ?? "archived_until_escalating")
        : change.status === "unresolved"
          ? "ongoing"
          : null;
    workflow.set(issueId, { status: change.status, substatus, statusDetails: change.statusDetails ?? {} });
  }

  function noteBody(issueId: string, note: Note) {
    return {
      id: note.id,
      user: { id: TOKEN_USER, name: "Sift", email: "sift@proxy-user.sentry.io" },
      type: "note",
      issue: { id: issueId },
      data: { text: note.text },
      dateCreated: new Date(note.createdAt).toISOString(),
    };
  }

  function page<T>(url: URL, all: T[], res: ServerResponse) {
    const limit = Math.min(Number(url.searchParams.get("per_page") ?? 100), options.pageSize ?? 100);
    const offset = Number(url.searchParams.get("cursor")?.split(":")[1] ?? 0);
    const more = offset + limit < all.length;
    send(res, 200, all.slice(offset, offset + limit), {
      ...okHeaders(),
      Link: linkHeader(url, offset, limit, more),
    });
  }

  function matchRoute(path: string): { name: keyof typeof routes; m: string[] } | null {
    for (const [name, pattern] of Object.entries(routes)) {
      const m = pattern.exec(path);
      if (m) return { name: name as keyof typeof routes, m: m.map(String) };
    }
    return null;
  }

  function assign(issueId: string, assignedTo: string): boolean {
    const team = /^team:(\d+)$/.exec(assignedTo);
    if (!team) {
      assignees.set(issueId, { type: "user", id: assignedTo.replace(/^user:/, ""), name: "A user" });
      return true;
    }
    const found = teams.find((t) => t.id === team[1]);
    if (found) assignees.set(issueId, { type: "team", id: found.id, name: found.slug });
    return Boolean(found);
  }

  function addNote(issueId: string, text: string): Note | null {
    const notes = comments.get(issueId) ?? [];
    const duplicate = notes.some(
      (n) => n.userId === TOKEN_USER && n.text === text && Date.now() - n.createdAt < DUPLICATE_WINDOW_MS,
    );
    if (duplicate) return null;
    const at = Date.now();
    const note = { id: String(nextNoteId++), text, userId: TOKEN_USER, createdAt: at, updatedAt: at };
    comments.set(issueId, [...notes, note]);
    return note;
  }

  // Applies the request and returns how to answer it, so that a fault can strike after the effect
  // and before the answer; null for a path the stand-in does not serve.
  function route(method: string, url: URL, body: unknown, res: ServerResponse): (() => void) | null {
    const found = matchRoute(url.pathname);
    if (!found) return null;
    const { name, m } = found;
    const [, org, id = ""] = m;
    if ((options.org && org !== options.org) || options.unknownIssues?.includes(id))
      return () => notFound(res);
    const release = name.startsWith("release") ? options.releases?.[decodeURIComponent(id)] : undefined;
    switch (name) {
      case "releaseCommits":
        return release ? () => page(url, release.commits, res) : () => notFound(res);
      case "releaseCommitFiles":
        return release ? () => send(res, 200, release.files, okHeaders()) : () => notFound(res);
      case "latestEvent": {
        const event = options.events[id];
        return event === undefined ? () => notFound(res) : () => send(res, 200, event, okHeaders());
      }
      case "issues":
        return () => listIssues(url, res);
      case "teams":
        return () => page(url, teams, res);
      case "issue": {
        const assignedTo = method === "PUT" ? (body as { assignedTo?: string }).assignedTo : undefined;
        if (assignedTo !== undefined && !assign(id, assignedTo)) {
          return () => send(res, 400, { assignedTo: ["Unknown actor input"] });
        }
        if (method === "PUT") changeStatus(id, body as Partial<WorkflowState>);
        return () => send(res, 200, issueOf(id), okHeaders());
      }
      case "comments": {
        if (method === "GET") {
          const notes = [...(comments.get(id) ?? [])].reverse();
          return () =>
            page(
              url,
              notes.map((note) => noteBody(id, note)),
              res,
            );
        }
        const note = addNote(id, (body as { text: string }).text);
        if (!note) return () => send(res, 400, { detail: "You have already posted that comment." });
        return () => send(res, 201, noteBody(id, note), okHeaders());
      }
      case "comment": {
        const note = comments.get(id)?.find((n) => n.id === m[3]);
        if (!note) return () => notFound(res);
        note.text = (body as { text: string }).text;
        note.updatedAt = Date.now();
        return () => send(res, 200, noteBody(id, note), okHeaders());
      }
    }
  }

  // Sentry's GrantExchanger and Refresher: a code or refresh token works once, and a refresh
  // deletes the old pair, access token included.
  function authorize(uuid: string, body: Record<string, string>, res: ServerResponse): () => void {
    const refused = (detail: string) => () => send(res, 401, { detail });
    if (
      body.client_id !== (options.clientId ?? "sift-client-id") ||
      body.client_secret !== (options.clientSecret ?? "sift-client-secret")
    )
      return refused("Invalid client credentials");
    let org: string;
    if (body.grant_type === "authorization_code") {
      const installation = unusedCodes.get(body.code ?? "");
      if (!installation || installation.uuid !== uuid) return refused("Invalid grant code");
      unusedCodes.delete(installation.code);
      org = installation.org;
    } else {
      const old = issued.find((p) => p.uuid === uuid && !p.revoked && p.refreshToken === body.refresh_token);
      if (!old) return refused("Invalid refresh token");
      old.revoked = true;
      org = old.org;
    }
    const pair: IssuedTokens = {
      uuid,
      org,
      token: randomBytes(32).toString("hex"),
      refreshToken: randomBytes(32).toString("hex"),
      expiresAt: Date.now() + (options.tokenLifetimeSeconds ?? EIGHT_HOURS) * 1000,
      revoked: false,
    };
    issued.push(pair);
    return () =>
      send(res, 201, {
        id: String(issued.length),
        token: pair.token,
        refreshToken: pair.refreshToken,
        dateCreated: new Date().toISOString(),
        expiresAt: new Date(pair.expiresAt).toISOString(),
        state: null,
        application: null,
        scopes: ["event:read", "event:write", "org:read", "project:read"],
      });
  }

  /** Why the token may not call this org route, or null when it may. */
  function refusal(auth: string | null, path: string): [number, string] | null {
    if (!auth) return [401, "Authentication credentials were not provided."];
    if (auth === `Bearer ${options.token}`) return null;
    const pair = issued.find((p) => auth === `Bearer ${p.token}`);
    if (!pair || pair.revoked || pair.expiresAt <= Date.now()) return [401, "Invalid token"];
    const org = /^\/api\/0\/organizations\/([^/]+)\//.exec(path)?.[1];
    return org === pair.org ? null : [403, "You do not have permission to perform this action."];
  }

  function listIssues(url: URL, res: ServerResponse) {
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
    const more = offset + limit < matching.length;
    return send(res, 200, matching.slice(offset, offset + limit), {
      ...okHeaders(),
      Link: linkHeader(url, offset, limit, more),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "";
    const auth = req.headers.authorization ?? null;
    const { json } = await readBody(req);
    requests.push({
      method,
      path: url.pathname,
      auth,
      query: url.search,
      ...(json !== undefined && { body: json }),
    });
    const authorization = AUTHORIZATIONS.exec(url.pathname);
    const refused = authorization ? null : refusal(auth, url.pathname);
    if (refused) return send(res, refused[0], { detail: refused[1] });
    const problems =
      typeof json === "symbol"
        ? [`${method} ${url.pathname}: body is not JSON`]
        : checkRequest(operations, { method, path: url.pathname, query: url.searchParams, body: json });
    if (json !== undefined && req.headers["content-type"] !== "application/json") {
      problems.push(`${method} ${url.pathname}: a JSON body needs Content-Type: application/json`);
    }
    if (problems.length > 0) {
      mismatches.push(...problems);
      return send(res, 400, { detail: problems.join("; ") });
    }
    const fault = takeFault(method, url.pathname);
    if (fault && fault.when !== "after") return fail(res, fault);
    if (options.failWith) return send(res, options.failWith, { detail: "Internal Error" });
    if (rateLimitPending) {
      rateLimitPending = false;
      return rateLimited(res, options.rateLimitResetSeconds ?? 30);
    }
    const answer = authorization
      ? authorize(authorization[1] as string, json as Record<string, string>, res)
      : route(method, url, json, res);
    if (!answer) return notFound(res);
    if (fault) return fail(res, fault);
    answer();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    mismatches,
    get rateLimitReset() {
      return state.rateLimitReset;
    },
    comments,
    assignees,
    workflow,
    issued,
    inject: (fault) => faults.push({ ...fault }),
    ageComments(seconds) {
      for (const notes of comments.values()) for (const note of notes) note.createdAt -= seconds * 1000;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
