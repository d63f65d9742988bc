import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connect";
import { startTokenIssuer, type TokenIssuer } from "@/test/signed-tokens";

// GET /api/issues as Next calls it, against the PostgreSQL test database and real signed tokens.

const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean the route works on the server.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

let issuer: TokenIssuer;
let route: typeof import("./route");
let db: Database;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  // lib/env reads process.env once, on first import.
  Object.assign(process.env, { DATABASE_URL: url, OIDC_ISSUER: issuer.issuer });
  route = await import("./route");
  db = await (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getConnection().then((c) => c.close());
  await issuer?.close();
});

beforeEach(async () => {
  await db.execute(sql`truncate table analyses, events, issues, projects, jobs restart identity cascade`);
  const { upsertProject } = await import("@/lib/db/queries/projects");
  const { upsertIssue } = await import("@/lib/db/queries/issues");
  const { insertAnalysis } = await import("@/lib/db/queries/analyses");
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  for (const [id, category] of [
    ["11", "asset_load"],
    ["12", "auth"],
  ] as const) {
    const seen = new Date(`2026-11-0${id.at(-1)}T00:00:00Z`);
    await upsertIssue(db, {
      id,
      shortId: `WEB-${id}`,
      projectId: "1",
      title: `Issue ${id}`,
      culprit: null,
      level: "error",
      status: "unresolved",
      platform: "javascript",
      permalink: null,
      firstSeen: seen,
      lastSeen: seen,
      sentryCount: 1,
      sentryUserCount: 1,
    });
    await insertAnalysis(db, {
      issueId: id,
      analyserVersion: "2",
      summary: "s",
      owner: { owner: "#web", source: "fallback", rule: null },
      blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
      inAppFrames: [],
      category: { category, reason: `reason for ${category}` },
    });
  }
});

async function get(path: string) {
  const token = await issuer.tokenFor(["viewer"], { email: "vic@example.com" });
  const req = new NextRequest(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const res = await route.GET(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

describe("GET /api/issues?category=", () => {
  it("lists each issue's category and filters by it", async () => {
    const all = await get("/api/issues");
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { id: string; category: string }) => [i.id, i.category])).toEqual([
      ["12", "auth"],
      ["11", "asset_load"],
    ]);
    const filtered = await get("/api/issues?category=asset_load");
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual(["11"]);
  });

  it("answers 400 with a JSON reason for a category it does not know", async () => {
    const res = await get("/api/issues?category=cosmic_rays");
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("category");
  });
});

describe("GET /api/issues: the list's other filters", () => {
  it.each([
    ["level=catastrophic", "level"],
    ["sort=loudest", "sort"],
    ["period=2h", "period"],
    ["start=yesterday", "start"],
    ["end=2026-13-01T00:00:00Z", "end"],
    ["incident=abc", "incident"],
    ["period=24h&start=2026-11-01T00:00:00Z", "period"],
    ["start=2026-11-02T00:00:00Z&end=2026-11-01T00:00:00Z", "start"],
    [`owner=${"x".repeat(201)}`, "owner"],
    ["tenant=a%00b", "tenant"],
  ])("answers 400 naming the parameter for %s", async (search, name) => {
    const res = await get(`/api/issues?${search}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBeDefined();
    expect(JSON.stringify(res.body)).toContain(name);
  });

  it("filters by level, time range and owner, and gives each issue its last day by hour", async () => {
    const warn = await get("/api/issues?level=warning");
    expect(warn.status).toBe(200);
    expect(warn.body.items).toEqual([]);
    const range = await get("/api/issues?start=2026-11-02T00:00:00Z&end=2026-11-02T00:00:01Z&sort=tenants");
    expect(range.body.items.map((i: { id: string }) => i.id)).toEqual(["12"]);
    const owned = await get(`/api/issues?owner=${encodeURIComponent("#web")}&level=error`);
    expect(owned.body.items.map((i: { id: string }) => i.id)).toEqual(["12", "11"]);
    // Seen in November 2026 only: nothing in the last hour (unless the clock passed it, then both).
    const recent = await get("/api/issues?period=1h");
    expect(recent.body.items.length === 0 || recent.body.items.length === 2).toBe(true);
    for (const item of owned.body.items) {
      expect(item.lastDay).toEqual(Array(24).fill(0));
      expect(item).toMatchObject({ substatus: null, firstRelease: null });
    }
  });
});
