import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { issueActionsCreated, issueActionsResponse } from "@/lib/contracts/issue-actions";
import type { Database } from "@/lib/db/connect";
import { listAuditLog } from "@/lib/db/queries/audit-log";
import { upsertIssue } from "@/lib/db/queries/issues";
import { listJobs } from "@/lib/db/queries/jobs";
import { setProjectWriteback, upsertProject } from "@/lib/db/queries/projects";
import { incidentIssues, incidents, jobs, projects } from "@/lib/db/schema";
import { startTokenIssuer, type TokenIssuer } from "@/test/signed-tokens";

// POST and GET /api/issues/{id}/actions and /api/incidents/{id}/actions as Next calls them, with
// real signed tokens; SIFT_WRITEBACK is off and the internal integration's token is for "acme".

const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let issuer: TokenIssuer;
let routes: { issue: { GET: Handler; POST: Handler }; incident: { GET: Handler; POST: Handler } };
let db: Database;
const alice = { sub: "alice", name: "Alice" };

beforeAll(async () => {
  issuer = await startTokenIssuer();
  Object.assign(process.env, {
    DATABASE_URL: url,
    OIDC_ISSUER: issuer.issuer,
    SIFT_WRITEBACK: "off",
    SENTRY_API_TOKEN: "sift-test-token",
    SENTRY_ORG: "acme",
    SENTRY_CLIENT_ID: "",
  });
  routes = {
    issue: await import("./[issueId]/actions/route"),
    incident: await import("../incidents/[incidentId]/actions/route"),
  };
  db = await (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getConnection().then((c) => c.close());
  await issuer?.close();
});

beforeEach(async () => {
  await db.execute(sql`truncate table issue_actions, audit_log, incident_issues, incidents, issues, projects, jobs
    restart identity cascade`);
  const seen = new Date();
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  for (const id of ["7", "8"]) {
    await upsertIssue(db, { id, projectId: "1", title: `TypeError: ${id}`, firstSeen: seen, lastSeen: seen });
  }
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
  call(routes.issue.POST, roles, `/api/issues/${issueId}/actions`, { issueId }, body);
const get = (issueId = "7") =>
  call(routes.issue.GET, ["viewer"], `/api/issues/${issueId}/actions`, { issueId });
const turnOn = () => setProjectWriteback(db, "1", { mode: "comment", changedBy: "alice", actor: alice });

it("refuses with the reason while write-back is off, and says so to every role before anyone clicks", async () => {
  const off = await post(["triager"], { action: "resolve" });
  expect(off.status).toBe(409);
  expect(off.body.error.message).toMatch(/Write-back to Sentry is off \(SIFT_WRITEBACK=off\)/);
  const read = issueActionsResponse.parse((await get()).body);
  expect(read.availability).toEqual({ enabled: false, reason: off.body.error.message });
  expect(await db.$count(jobs)).toBe(0);
});

it("refuses an issue whose organisation the token does not cover", async () => {
  await turnOn();
  await db.update(projects).set({ orgSlug: "globex" });
  const res = await post(["triager"], { action: "resolve" });
  expect(res.status).toBe(409);
  expect(res.body.error.message).toBe("SENTRY_API_TOKEN is for the Sentry organisation acme, not globex.");
});

it("records a triager's action as pending, audited, with one job; viewers and bad bodies are refused", async () => {
  await turnOn();
  expect((await post(["viewer"], { action: "resolve" })).status).toBe(403);
  expect((await post(["triager"], { action: "assign" })).status).toBe(400);
  expect((await post(["triager"], { action: "assign", team: "a b" })).status).toBe(400);
  expect((await post(["triager"], { action: "archive", until: { minutes: 0 } })).status).toBe(400);
  expect((await post(["triager"], { action: "delete" })).status).toBe(400);
  expect((await post(["triager"], "{nope")).status).toBe(400);
  expect((await post(["triager"], { action: "resolve" }, "404")).status).toBe(404);
  expect(await db.$count(jobs)).toBe(0);

  const done = await post(["triager"], { action: "assign", team: "#payments" });
  expect(done.status).toBe(202);
  expect(issueActionsCreated.parse(done.body).actions).toMatchObject([
    { issueId: "7", action: "assign", team: "payments", status: "pending", by: "Bob Triager" },
  ]);
  const archived = await post(["admin"], { action: "archive", until: { minutes: 60 } });
  expect(archived.body.actions[0]).toMatchObject({ action: "archive", until: "60 minutes" });
  expect((await listJobs(db, { status: "queued", limit: 10 })).map((j) => [j.kind, j.subjectId])).toEqual([
    ["issue_action", "7"],
  ]);
  const audit = await listAuditLog(db, { limit: 10 });
  expect(audit.map((a) => [a.action, a.targetType, a.targetId])).toEqual([
    ["issue.archive", "issue", "7"],
    ["issue.assign", "issue", "7"],
    ["project.writeback.set", "project", "1"],
  ]);
  expect(audit[0]?.after).toMatchObject({ status: "ignored", substatus: "archived_until_condition_met" });
  const read = issueActionsResponse.parse((await get()).body);
  expect(read.availability).toEqual({ enabled: true, reason: null });
  expect(read.actions.map((a) => [a.action, a.status])).toEqual([
    ["archive", "pending"],
    ["assign", "pending"],
  ]);
});

it("applies an incident's action to each of its issues, one job per issue", async () => {
  await turnOn();
  const seen = new Date();
  const [incident] = await db
    .insert(incidents)
    .values({
      rootIssueId: "7",
      root: { issueId: "7", confidence: 0.9, reasons: [], pinned: false },
      title: "TypeError: 7",
      status: "open",
      issueCount: 2,
      firstSeen: seen,
      lastSeen: seen,
      userCount: 0,
      tenantCount: 0,
    })
    .returning();
  const incidentId = String(incident?.id);
  await db.insert(incidentIssues).values([
    { issueId: "7", incidentId: Number(incidentId) },
    { issueId: "8", incidentId: Number(incidentId) },
  ]);
  const path = `/api/incidents/${incidentId}/actions`;
  expect(
    (await call(routes.incident.POST, ["viewer"], path, { incidentId }, { action: "resolve" })).status,
  ).toBe(403);
  const res = await call(routes.incident.POST, ["triager"], path, { incidentId }, { action: "resolve" });
  expect(res.status).toBe(202);
  expect(res.body.actions.map((a: { issueId: string }) => a.issueId).sort()).toEqual(["7", "8"]);
  expect((await listJobs(db, { status: "queued", limit: 10 })).map((j) => j.subjectId).sort()).toEqual([
    "7",
    "8",
  ]);
  const read = issueActionsResponse.parse(
    (await call(routes.incident.GET, ["viewer"], path, { incidentId })).body,
  );
  expect(read.actions.map((a) => [a.issueId, a.action, a.status]).sort()).toEqual([
    ["7", "resolve", "pending"],
    ["8", "resolve", "pending"],
  ]);
  expect(
    (await call(routes.incident.GET, ["viewer"], "/api/incidents/99/actions", { incidentId: "99" })).status,
  ).toBe(404);
});
