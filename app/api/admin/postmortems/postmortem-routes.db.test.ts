import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connect";
import { auditLog } from "@/lib/db/schema";
import { startTokenIssuer, type TokenIssuer } from "@/test/signed-tokens";

// The post-mortem routes as Next calls them, against the PostgreSQL test database and real signed tokens.

const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let issuer: TokenIssuer;
let list: { GET: Handler; POST: Handler };
let one: { DELETE: Handler };
let read: { GET: Handler };
let db: Database;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  Object.assign(process.env, { DATABASE_URL: url, OIDC_ISSUER: issuer.issuer });
  list = await import("./route");
  one = await import("./[postmortemId]/route");
  read = await import("../../postmortems/[postmortemId]/route");
  db = await (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getConnection().then((c) => c.close());
  await issuer?.close();
});

beforeEach(async () => {
  await db.execute(sql`truncate table audit_log, postmortem_terms, postmortems restart identity cascade`);
});

async function call(
  handler: Handler,
  options: { roles?: string[]; method?: string; body?: string; params?: Record<string, string> } = {},
) {
  const token = await issuer.tokenFor(options.roles ?? ["admin"], { sub: "alice", name: "Alice Admin" });
  const req = new NextRequest("http://localhost/api/admin/postmortems", {
    method: options.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: options.body,
  });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  return { status: res.status, body: await res.json() };
}

describe("post-mortem routes", () => {
  it("uploads, lists, reads and deletes, auditing the writes", async () => {
    const markdown = "# Cron broke\n\n- **Date:** 2026-10-02\n\n`*pq.Error` in `background.func2`.";
    const created = await call(list.POST, { method: "POST", body: JSON.stringify({ markdown }) });
    expect(created).toMatchObject({
      status: 201,
      body: { title: "Cron broke", occurredOn: "2026-10-02", createdBy: "Alice Admin", source: null },
    });
    const id = String(created.body.id);
    expect((await call(list.GET)).body.items.map((i: { id: number }) => i.id)).toEqual([created.body.id]);
    expect(await call(read.GET, { roles: ["viewer"], params: { postmortemId: id } })).toMatchObject({
      status: 200,
      body: { markdown },
    });
    expect((await call(one.DELETE, { method: "DELETE", params: { postmortemId: id } })).status).toBe(200);
    expect((await call(one.DELETE, { method: "DELETE", params: { postmortemId: id } })).status).toBe(404);
    expect((await call(read.GET, { params: { postmortemId: id } })).status).toBe(404);
    const audit = await db.select().from(auditLog).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["postmortem.create", "postmortem.delete"]);
  });

  it("answers bad input with a 400 and a reason, and stores nothing", async () => {
    const bad = [
      "not json",
      JSON.stringify({}),
      JSON.stringify({ markdown: "   " }),
      JSON.stringify({ markdown: "no heading and no title" }),
      JSON.stringify({ markdown: "# x", title: "t".repeat(201) }),
      JSON.stringify({ markdown: "# x", extra: 1 }),
      JSON.stringify({ markdown: "x".repeat(500_001), title: "big" }),
    ];
    for (const body of bad) {
      const res = await call(list.POST, { method: "POST", body });
      expect(res.status, body.slice(0, 40)).toBe(400);
      expect(res.body.error.message, body.slice(0, 40)).toMatch(/\S/);
    }
    expect((await call(list.GET)).body.items).toEqual([]);
    expect(await db.$count(auditLog)).toBe(0);
    expect((await call(one.DELETE, { method: "DELETE", params: { postmortemId: "abc" } })).status).toBe(400);
  });

  it("refuses a triager's upload and delete with a 403", async () => {
    const body = JSON.stringify({ markdown: "# x" });
    expect((await call(list.POST, { roles: ["triager"], method: "POST", body })).status).toBe(403);
    expect(
      (await call(one.DELETE, { roles: ["triager"], method: "DELETE", params: { postmortemId: "1" } }))
        .status,
    ).toBe(403);
  });
});
