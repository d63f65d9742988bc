import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Priority } from "@/lib/analysis/types";
import { issueDetailResponse, issueListResponse } from "@/lib/contracts/issues";
import type { Database } from "@/lib/db/connect";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { insertEvent } from "@/lib/db/queries/events";
import { setIssuePriority } from "@/lib/db/queries/issue-row";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { startTokenIssuer, type TokenIssuer } from "@/test/signed-tokens";

// The issue routes as Next calls them, against the PostgreSQL test database and real signed tokens.

const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean the routes work on the server.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

type Routes = { list: typeof import("./route"); detail: typeof import("./[issueId]/route") };

let issuer: TokenIssuer;
let routes: Routes;
let db: Database;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  // lib/env reads process.env once, on first import.
  Object.assign(process.env, { DATABASE_URL: url, OIDC_ISSUER: issuer.issuer });
  routes = { list: await import("./route"), detail: await import("./[issueId]/route") };
  db = await (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getConnection().then((c) => c.close());
  await issuer?.close();
});

beforeEach(async () => {
  await db.execute(
    sql`truncate table analyses, issue_hour_identities, tenant_activity, issue_identities, issue_users, issue_tenants, events, issues, projects, deliveries, jobs restart identity cascade`,
  );
});

async function get(
  handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  path: string,
  params: Record<string, string> = {},
) {
  const token = await issuer.tokenFor(["viewer"]);
  const req = new NextRequest(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

const now = Date.now();
const priority = (tier: Priority["tier"], score: number): Priority => ({
  tier,
  score,
  trend: { trend: "rising", recentPerHour: 12, baselinePerHour: 2 },
  activeTenantShare: 0.25,
  reasons: [{ factor: "users", text: "12 users affected", points: 11 }],
});

async function seed() {
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  for (const [id, tier, score] of [
    ["11", "P2", 25],
    ["12", "P0", 70],
    ["13", "P1", 45],
    ["14", "P0", 65],
  ] as const) {
    const seen = new Date(now - Number(id) * 60_000);
    await upsertIssue(db, { id, projectId: "1", title: `Issue ${id}`, firstSeen: seen, lastSeen: seen });
    await setIssuePriority(db, id, priority(tier, score));
  }
}

describe("GET /api/issues by priority", () => {
  it("sorts P0 first, filters by tier and pages with the cursor", async () => {
    await seed();
    const first = await get(routes.list.GET, "/api/issues?sort=priority&limit=2");
    expect(first.status).toBe(200);
    const page = issueListResponse.parse(first.body);
    expect(page.items.map((i) => [i.id, i.priority])).toEqual([
      ["12", "P0"],
      ["14", "P0"],
    ]);
    const next = await get(routes.list.GET, `/api/issues?sort=priority&limit=2&cursor=${page.nextCursor}`);
    expect(issueListResponse.parse(next.body).items.map((i) => i.id)).toEqual(["13", "11"]);
    const p1 = await get(routes.list.GET, "/api/issues?priority=P1");
    expect(issueListResponse.parse(p1.body).items.map((i) => i.id)).toEqual(["13"]);
  });

  it("answers an unknown tier or sort with 400 and the reason", async () => {
    for (const query of ["priority=P4", "priority=high", "priority=", "sort=urgency"]) {
      const res = await get(routes.list.GET, `/api/issues?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message, query).toEqual(expect.any(String));
    }
  });
});

describe("GET /api/issues/{id} blast radius over time", () => {
  it("carries the hourly timeline since first seen and the active tenant share of the newest analysis", async () => {
    await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
    // The route reads the wall clock: this test's own, taken just before, lands in the same hour.
    const now = Date.now();
    const firstSeen = new Date(now - 5 * 3_600_000);
    await upsertIssue(db, { id: "21", projectId: "1", title: "Boom", firstSeen, lastSeen: new Date(now) });
    for (const [i, hoursAgo] of [0, 0, 5].entries()) {
      await insertEvent(db, {
        id: `${i}`.padStart(32, "c"),
        issueId: "21",
        projectId: "1",
        occurredAt: new Date(now - hoursAgo * 3_600_000),
        userId: `u${i}`,
        tenantId: "acme",
        tags: {},
        frames: [],
      });
    }
    const before = await get(routes.detail.GET, "/api/issues/21", { issueId: "21" });
    expect(issueDetailResponse.parse(before.body).activeTenantShare).toBeNull();

    await insertAnalysis(db, {
      issueId: "21",
      analyserVersion: "2",
      summary: "Boom",
      owner: { owner: "#triage", source: "fallback", rule: null },
      blastRadius: { events: 3, users: 3, tenants: 1, topTenants: [], roles: [] },
      inAppFrames: [],
      priority: priority("P1", 45),
    });
    const res = await get(routes.detail.GET, "/api/issues/21", { issueId: "21" });
    expect(res.status).toBe(200);
    const body = issueDetailResponse.parse(res.body);
    expect(body.activeTenantShare).toBe(0.25);
    expect(body.analysis?.priority?.reasons[0]?.text).toBe("12 users affected");
    // Six hours: first seen's to now's, oldest first, zeros between.
    expect(body.timeline.map((b) => b.events)).toEqual([1, 0, 0, 0, 0, 2]);
    expect(body.timeline.at(-1)).toMatchObject({ users: 2, tenants: 1 });
  });
});
