import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connect";
import { jobs } from "@/lib/db/schema";
import { startTokenIssuer, type TokenIssuer } from "@/test/signed-tokens";

// The admin routes as Next calls them, against the PostgreSQL test database and real signed tokens.

const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean the routes work on the server.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

type Routes = {
  jobs: typeof import("./jobs/route");
  requeue: typeof import("./jobs/[jobId]/requeue/route");
  projects: typeof import("../projects/route");
  settings: typeof import("../projects/[projectId]/settings/route");
  audit: typeof import("./audit/route");
};

let issuer: TokenIssuer;
let routes: Routes;
let db: Database;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  // lib/env reads process.env once, on first import.
  Object.assign(process.env, { DATABASE_URL: url, OIDC_ISSUER: issuer.issuer, SIFT_WRITEBACK: "comment" });
  routes = {
    jobs: await import("./jobs/route"),
    requeue: await import("./jobs/[jobId]/requeue/route"),
    projects: await import("../projects/route"),
    settings: await import("../projects/[projectId]/settings/route"),
    audit: await import("./audit/route"),
  };
  db = await (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getConnection().then((c) => c.close());
  await issuer?.close();
});

beforeEach(async () => {
  await db.execute(
    sql`truncate table audit_log, writebacks, sync_state, analyses, issue_identities, issue_users, issue_tenants, events, issues, projects, deliveries, jobs restart identity cascade`,
  );
});

async function call(
  handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  path: string,
  options: { roles?: string[]; method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const token = await issuer.tokenFor(options.roles ?? ["admin"], {
    sub: "alice",
    name: "Alice Admin",
    email: "alice@example.com",
  });
  const req = new NextRequest(`http://localhost${path}`, {
    method: options.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  return { status: res.status, body: await res.json() };
}

describe("dead jobs for admins", () => {
  beforeEach(async () => {
    await db.insert(jobs).values([
      {
        kind: "analyse_issue",
        subjectId: "1",
        status: "failed",
        attempts: 5,
        lastError: "issue 1 does not exist",
      },
      {
        kind: "writeback",
        subjectId: "2",
        status: "failed",
        attempts: 8,
        lastError: "Sentry API answered 500",
      },
      { kind: "writeback", subjectId: "3", status: "done", attempts: 1 },
    ]);
  });

  it("lists failed jobs of every kind with their errors, newest first", async () => {
    const { status, body } = await call(routes.jobs.GET, "/api/admin/jobs?status=failed");
    expect(status).toBe(200);
    expect(body.items.map((j: { kind: string; lastError: string }) => [j.kind, j.lastError])).toEqual([
      ["writeback", "Sentry API answered 500"],
      ["analyse_issue", "issue 1 does not exist"],
    ]);
  });

  it("requeues a failed job with fresh attempts, once", async () => {
    const [failed] = await db.select().from(jobs).where(eq(jobs.subjectId, "2"));
    const params = { jobId: String(failed?.id) };
    const path = `/api/admin/jobs/${failed?.id}/requeue`;
    const first = await call(routes.requeue.POST, path, { method: "POST", params });
    expect(first).toMatchObject({ status: 200, body: { status: "queued", attempts: 0 } });
    const again = await call(routes.requeue.POST, path, { method: "POST", params });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    const missing = await call(routes.requeue.POST, "/api/admin/jobs/999/requeue", {
      method: "POST",
      params: { jobId: "999" },
    });
    expect(missing.status).toBe(404);
  });

  it("is for admins only", async () => {
    expect((await call(routes.jobs.GET, "/api/admin/jobs", { roles: ["triager"] })).status).toBe(403);
    const requeue = await call(routes.requeue.POST, "/api/admin/jobs/1/requeue", {
      roles: ["triager"],
      method: "POST",
      params: { jobId: "1" },
    });
    expect(requeue.status).toBe(403);
    expect((await db.select().from(jobs).where(eq(jobs.id, 1)))[0]?.status).toBe("failed");
  });
});

describe("per-project write-back settings", () => {
  beforeEach(async () => {
    const { upsertProject } = await import("@/lib/db/queries/projects");
    await upsertProject(db, { id: "2", slug: "pump-station", name: "Pump Station", platform: "python" });
  });

  it("lists projects with the default mode, and an admin's override with who set it and when", async () => {
    const before = await call(routes.projects.GET, "/api/projects", { roles: ["viewer"] });
    expect(before.body).toMatchObject({
      defaultWriteback: "comment",
      items: [{ id: "2", writeback: null, effectiveWriteback: "comment", writebackChangedBy: null }],
    });
    const put = await call(routes.settings.PUT, "/api/projects/2/settings", {
      method: "PUT",
      body: { writeback: "assign" },
      params: { projectId: "2" },
    });
    expect(put).toMatchObject({
      status: 200,
      body: { writeback: "assign", effectiveWriteback: "assign", writebackChangedBy: "alice@example.com" },
    });
    expect(Date.now() - Date.parse(put.body.writebackChangedAt)).toBeLessThan(60_000);
    const cleared = await call(routes.settings.PUT, "/api/projects/2/settings", {
      method: "PUT",
      body: { writeback: null },
      params: { projectId: "2" },
    });
    expect(cleared.body).toMatchObject({ writeback: null, effectiveWriteback: "comment" });
  });

  it("refuses non-admins, bad modes and unknown projects without writing", async () => {
    const asTriager = await call(routes.settings.PUT, "/api/projects/2/settings", {
      roles: ["triager"],
      method: "PUT",
      body: { writeback: "assign" },
      params: { projectId: "2" },
    });
    expect(asTriager.status).toBe(403);
    const bad = await call(routes.settings.PUT, "/api/projects/2/settings", {
      method: "PUT",
      body: { writeback: "always" },
      params: { projectId: "2" },
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    const unknown = await call(routes.settings.PUT, "/api/projects/99/settings", {
      method: "PUT",
      body: { writeback: "off" },
      params: { projectId: "99" },
    });
    expect(unknown.status).toBe(404);
    const list = await call(routes.projects.GET, "/api/projects");
    expect(list.body.items[0]).toMatchObject({ writeback: null, writebackChangedBy: null });
  });
});

describe("audit log for admins", () => {
  beforeEach(async () => {
    const { upsertProject } = await import("@/lib/db/queries/projects");
    await upsertProject(db, { id: "2", slug: "pump-station", name: "Pump Station", platform: "python" });
    await db.insert(jobs).values({ kind: "writeback", subjectId: "2", status: "failed", attempts: 8 });
  });

  const setMode = (writeback: string | null, roles = ["admin"]) =>
    call(routes.settings.PUT, "/api/projects/2/settings", {
      roles,
      method: "PUT",
      body: { writeback },
      params: { projectId: "2" },
    });

  it("lists each write through the API newest first, with who, what and the state before and after", async () => {
    await setMode("assign");
    await call(routes.requeue.POST, "/api/admin/jobs/1/requeue", { method: "POST", params: { jobId: "1" } });
    await setMode("off");
    const { status, body } = await call(routes.audit.GET, "/api/admin/audit");
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((e: { action: string }) => e.action)).toEqual([
      "project.writeback.set",
      "job.requeue",
      "project.writeback.set",
    ]);
    expect(body.items[0]).toMatchObject({
      actor: { sub: "alice", name: "Alice Admin" },
      target: { type: "project", id: "2" },
      before: { writeback: "assign" },
      after: { writeback: "off" },
    });
    expect(body.items[1]).toMatchObject({
      target: { type: "job", id: "1" },
      before: { status: "failed", attempts: 8 },
      after: { status: "queued", attempts: 0 },
    });
    expect(Date.now() - Date.parse(body.items[0].at)).toBeLessThan(60_000);
  });

  it("pages by cursor until the oldest entry", async () => {
    for (const mode of ["off", "comment", "assign", null, "off"]) await setMode(mode);
    const seen: unknown[] = [];
    let path = "/api/admin/audit?limit=2";
    for (let page = 0; page < 5; page++) {
      const { body } = await call(routes.audit.GET, path);
      seen.push(...body.items.map((e: { after: { writeback: string | null } }) => e.after.writeback));
      if (!body.nextCursor) break;
      path = `/api/admin/audit?limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(["off", null, "assign", "comment", "off"]);
  });

  it("refuses bad queries with the reason, and records nothing for refused writes", async () => {
    for (const query of ["limit=0", "limit=201", "limit=ten", "cursor=abc", "cursor=-1"]) {
      const res = await call(routes.audit.GET, `/api/admin/audit?${query}`);
      expect(res, query).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    }
    expect((await setMode("assign", ["triager"])).status).toBe(403);
    expect((await setMode("always")).status).toBe(400);
    expect((await call(routes.audit.GET, "/api/admin/audit", { roles: ["triager"] })).status).toBe(403);
    expect((await call(routes.audit.GET, "/api/admin/audit")).body).toEqual({ items: [], nextCursor: null });
  });
});
