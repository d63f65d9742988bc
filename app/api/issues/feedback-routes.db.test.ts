import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { feedbackResponse, modelsResponse } from "@/lib/contracts/feedback";
import { issueDetailResponse } from "@/lib/contracts/issues";
import type { Database } from "@/lib/db/connect";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { startTokenIssuer, type TokenIssuer } from "@/test/signed-tokens";

// POST /api/issues/{id}/feedback and GET /api/models as Next calls them, with real signed tokens.

const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let issuer: TokenIssuer;
let routes: { feedback: { POST: Handler }; detail: { GET: Handler }; models: { GET: Handler } };
let db: Database;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  Object.assign(process.env, { DATABASE_URL: url, OIDC_ISSUER: issuer.issuer });
  routes = {
    feedback: await import("./[issueId]/feedback/route"),
    detail: await import("./[issueId]/route"),
    models: await import("../models/route"),
  };
  db = await (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getConnection().then((c) => c.close());
  await issuer?.close();
});

beforeEach(async () => {
  await db.execute(
    sql`truncate table feedback, analyses, events, issues, projects, jobs restart identity cascade`,
  );
  const seen = new Date();
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  await upsertIssue(db, { id: "7", projectId: "1", title: "TypeError: x", firstSeen: seen, lastSeen: seen });
  await insertAnalysis(db, {
    issueId: "7",
    analyserVersion: "4",
    summary: "s",
    owner: { owner: "#triage", source: "fallback", rule: null, share: null, backedBy: [] },
    blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
    inAppFrames: [],
    category: { category: "type_error", reason: "r" },
  });
});

async function call(
  handler: Handler,
  roles: string[],
  path: string,
  params: Record<string, string>,
  body?: unknown,
) {
  const token = await issuer.tokenFor(roles, { name: "Bob Triager" });
  const req = new NextRequest(`http://localhost${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

const post = (roles: string[], body: unknown, issueId = "7") =>
  call(routes.feedback.POST, roles, `/api/issues/${issueId}/feedback`, { issueId }, body);

it("lets triagers and admins give feedback, shown at once on the issue, and refuses viewers and bad bodies with reasons", async () => {
  expect((await post(["viewer"], { kind: "owner", verdict: "confirm" })).status).toBe(403);
  const bad = await post(["triager"], { kind: "category", verdict: "correct", value: "cosmic" });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain("one of null_access");
  expect((await post(["triager"], "{not json")).status).toBe(400);
  expect((await post(["triager"], { kind: "owner", verdict: "confirm" }, "404")).status).toBe(404);

  const given = await post(["triager"], { kind: "owner", verdict: "correct", value: "payments" });
  expect(given.status).toBe(201);
  expect(feedbackResponse.parse(given.body).feedback).toMatchObject({
    kind: "owner",
    verdict: "correct",
    value: "#payments",
    siftSaid: "#triage",
    by: "Bob Triager",
  });
  expect((await post(["admin"], { kind: "category", verdict: "confirm" })).status).toBe(201);

  const detail = issueDetailResponse.parse(
    (await call(routes.detail.GET, ["viewer"], "/api/issues/7", { issueId: "7" })).body,
  );
  expect(detail.feedback.map((f) => [f.kind, f.verdict, f.value]).sort()).toEqual([
    ["category", "confirm", null],
    ["owner", "correct", "#payments"],
  ]);

  const models = modelsResponse.parse((await call(routes.models.GET, ["viewer"], "/api/models", {})).body);
  expect(models.models.find((m) => m.kind === "owner")).toMatchObject({
    confirmed: 0,
    corrected: 1,
    accuracy: 0,
  });
  expect(models.models.find((m) => m.kind === "category")).toMatchObject({
    confirmed: 1,
    corrected: 0,
    accuracy: 1,
  });
  expect((await call(routes.models.GET, ["viewer"], "/api/models?weeks=0", {})).status).toBe(400);
});
