import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { hasRole, type Role, roles } from "@/lib/auth/roles";
import { type PublicRoute, routeAccess } from "@/lib/http/route-roles";
import { startTokenIssuer } from "@/test/signed-tokens";

// Every route file under app/api and pages/api, found on disk when the tests are collected, called
// as Next calls it (App Router handlers with a NextRequest, Pages Router ones over HTTP with Node's
// request and response) with no token and with real signed tokens of each role, against the
// PostgreSQL test database.
// A new route file gets its tests here without anyone editing this file, and fails until its
// methods are declared in lib/http/route-roles.ts.

const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean every route was called.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const apiDir = import.meta.dirname;
const routeFiles = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts")
  .map((file) => ({
    file: path.join(apiDir, file),
    route: `/api/${path.dirname(file).split(path.sep).join("/")}`,
  }))
  .sort((a, b) => a.route.localeCompare(b.route));
// Pages Router API routes (lib/http/node-route.ts): each file is its route, and serves one method.
const pagesApiDir = path.resolve(apiDir, "../../pages/api");
const nodeRouteFiles = readdirSync(pagesApiDir, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({
    file: path.join(pagesApiDir, file),
    route: `/api/${file.replace(/\.ts$/, "").split(path.sep).join("/")}`,
  }));

const issuer = await startTokenIssuer();
// lib/env reads process.env once, on the first import of a route.
Object.assign(process.env, { DATABASE_URL: url, OIDC_ISSUER: issuer.issuer });

type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  requiredRole?: Role;
};
type NodeHandler = ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) & {
  method: string;
  requiredRole?: Role;
};

// One server for every Pages Router route, dispatching on the path as Next does.
const nodeRoutes = new Map<string, NodeHandler>();
const nodeServer = http.createServer((req, res) => {
  const handler = nodeRoutes.get(new URL(req.url ?? "/", "http://localhost").pathname);
  if (handler) void handler(req, res);
  else res.writeHead(404).end();
});
await new Promise<void>((resolve) => nodeServer.listen(0, "127.0.0.1", resolve));
const nodeBase = `http://127.0.0.1:${(nodeServer.address() as AddressInfo).port}`;

const endpoints = (
  await Promise.all(
    routeFiles.map(async ({ file, route }) => {
      const module = (await import(file)) as Record<string, unknown>;
      return httpMethods
        .filter((method) => typeof module[method] === "function")
        .map((method) => ({
          key: `${method} ${route}`,
          method,
          route,
          handler: module[method] as Handler | NodeHandler,
        }));
    }),
  )
).flat();
for (const { file, route } of nodeRouteFiles) {
  const handler = ((await import(file)) as { default: NodeHandler }).default;
  nodeRoutes.set(route, handler);
  endpoints.push({
    key: `${handler.method} ${route}`,
    method: handler.method as (typeof httpMethods)[number],
    route,
    handler,
  });
}

afterAll(async () => {
  await (await import("@/lib/db/client")).getConnection().then((c) => c.close());
  await new Promise((resolve) => nodeServer.close(resolve));
  await issuer.close();
});

/** Each dynamic segment gets "1": a well-formed id that names nothing, so no row is touched. */
function paramsOf(route: string): Record<string, string> {
  return Object.fromEntries([...route.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => [m[1], "1"]));
}

async function call(endpoint: (typeof endpoints)[number], authorization?: string) {
  const params = paramsOf(endpoint.route);
  const headers = new Headers({ "Content-Type": "application/json" });
  if (authorization) headers.set("Authorization", authorization);
  const hasBody = !["GET", "HEAD"].includes(endpoint.method);
  const target = endpoint.route.replace(/\[[^\]]+\]/g, "1");
  const init = {
    method: endpoint.method,
    headers,
    // Not even JSON: the role must be refused before the body is read, so this never decides a 403.
    body: hasBody ? "{not json" : undefined,
  };
  const res = nodeRoutes.has(endpoint.route)
    ? await fetch(`${nodeBase}${target}`, init)
    : await (endpoint.handler as Handler)(new NextRequest(`http://localhost${target}`, init), {
        params: Promise.resolve(params),
      });
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: res.status, code: body?.error?.code };
}

const bearer = async (tokenRoles: Role[]) => `Bearer ${await issuer.tokenFor(tokenRoles)}`;

// A token with no role Sift knows, then each role from the least.
const callers: { name: string; roles: Role[] }[] = [
  { name: "no role", roles: [] },
  ...roles.map((role) => ({ name: role, roles: [role] })),
];

describe("route access table", () => {
  it("finds route files to check", () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(10);
  });

  it("names only methods that route files export", () => {
    const found = new Set(endpoints.map((e) => e.key));
    expect(Object.keys(routeAccess).filter((key) => !found.has(key))).toEqual([]);
  });
});

describe.each(endpoints)("$key", (endpoint) => {
  const access = routeAccess[endpoint.key] as Role | PublicRoute | undefined;

  it("is declared in lib/http/route-roles.ts", () => {
    expect(access, `add "${endpoint.key}" to routeAccess`).toBeDefined();
  });
  if (access === undefined) return;

  if (typeof access !== "string") {
    it(`takes no Bearer token: ${access.public}`, async () => {
      expect(endpoint.handler.requiredRole).toBeUndefined();
      const { code } = await call(endpoint);
      expect(["unauthorized", "forbidden"]).not.toContain(code);
    });
    return;
  }

  it(`demands a token with the ${access} role, as withAuth enforces`, async () => {
    expect(endpoint.handler.requiredRole, "the withAuth role must match the table").toBe(access);
    for (const authorization of [undefined, "Bearer not-a-token", "Basic YWxpY2U6c2VjcmV0"]) {
      expect(await call(endpoint, authorization), `with ${authorization ?? "no"} credentials`).toEqual({
        status: 401,
        code: "unauthorized",
      });
    }
  });

  for (const caller of callers) {
    const allowed = hasRole(caller, access);
    it(`${allowed ? "serves" : "refuses with 403"} a token with ${caller.name}`, async () => {
      const result = await call(endpoint, await bearer(caller.roles));
      if (allowed) {
        expect([401, 403], `${caller.name} may call it`).not.toContain(result.status);
        expect(result.status, `${caller.name}: ${result.code}`).toBeLessThan(500);
      } else {
        expect(result).toEqual({ status: 403, code: "forbidden" });
      }
    });
  }
});
