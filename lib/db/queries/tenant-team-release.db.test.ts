import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import type { Database } from "../connect";
import { insertAnalysis } from "./analyses";
import { insertIssuesBulk } from "./bulk-load";
import { insertEvent, type NewEvent } from "./events";
import { recordReleasesOf } from "./incident-evidence";
import { createIncident, setIncidentMembers } from "./incidents";
import { upsertIssue } from "./issues";
import { listIssues } from "./list-issues";
import { upsertProject } from "./projects";
import { getReleaseSummary } from "./release-summary";
import { getTeamSummary } from "./team-summary";
import { getTenantSummary } from "./tenant-summary";

// The tenant, team and release pages' queries, each against a set where some rows must count and
// others must not: other tenants, other hours, other owners, other releases.

const now = new Date(Date.UTC(2026, 10, 8, 12, 30));
const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(now.getTime() - h * HOUR);

let n = 0;
async function event(db: Database, issueId: string, fields: Partial<NewEvent> = {}) {
  n += 1;
  await insertEvent(db, {
    id: `e${n}`.padStart(32, "0"),
    issueId,
    projectId: "1",
    occurredAt: hoursAgo(1),
    tags: {},
    frames: [],
    ...fields,
  });
}

async function issue(db: Database, id: string, fields: { status?: string; substatus?: string } = {}) {
  await upsertIssue(db, {
    id,
    projectId: "1",
    title: `Issue ${id}`,
    firstSeen: hoursAgo(200),
    lastSeen: hoursAgo(1),
    status: fields.status ?? "unresolved",
    substatus: fields.substatus ?? null,
    statusSeenAt: fields.substatus ? hoursAgo(1) : null,
    statusRank: fields.substatus ? 1 : null,
  });
}

async function ids(db: Database, filter: Parameters<typeof listIssues>[1]) {
  const page = await listIssues(db, filter);
  if ("badCursor" in page) throw new Error("bad cursor");
  return page.items.map((i) => i.id);
}

describeOnEachDatabase("tenant, team and release pages", (db) => {
  it("sums a tenant's events and users over 24 h and 7 d, its roles and its incidents, and nothing of other tenants", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await issue(db(), "10");
    await issue(db(), "11", { status: "resolved" });
    await issue(db(), "12");
    await event(db(), "10", { tenantId: "acme", userId: "u1", roles: ["admin"], occurredAt: hoursAgo(2) });
    await event(db(), "10", {
      tenantId: "acme",
      userId: "u2",
      roles: ["admin", "billing"],
      occurredAt: hoursAgo(3),
    });
    await event(db(), "11", { tenantId: "acme", userId: "u1", roles: ["admin"], occurredAt: hoursAgo(50) });
    // Older than a week: in the issue count, not in the windows.
    await event(db(), "11", { tenantId: "acme", userId: "u9", roles: ["viewer"], occurredAt: hoursAgo(200) });
    // Another tenant on the same issue and on its own issue: never counted for acme.
    await event(db(), "10", { tenantId: "globex", userId: "u3", roles: ["owner"], occurredAt: hoursAgo(2) });
    await event(db(), "12", { tenantId: "globex", userId: "u4", occurredAt: hoursAgo(2) });
    const root = { issueId: "10", confidence: 0.9, reasons: [], pinned: false };
    const incident = await createIncident(db(), root, "Checkout down");
    await setIncidentMembers(db(), incident, ["10", "12"], root, "Checkout down");

    const acme = await getTenantSummary(db(), { tenantId: "acme", now });
    expect(acme).toMatchObject({
      tenantId: "acme",
      issueCount: 2,
      openIssueCount: 1,
      last24h: { events: 2, users: 2 },
      last7d: { events: 3, users: 2 },
    });
    expect(acme?.roles).toEqual([
      { role: "admin", users: 2 },
      { role: "billing", users: 1 },
      { role: "viewer", users: 1 },
    ]);
    expect(acme?.incidents.map((i) => [i.id, i.title, i.tenantIssues])).toEqual([
      [incident, "Checkout down", 1],
    ]);
    const globex = await getTenantSummary(db(), { tenantId: "globex", now });
    expect(globex).toMatchObject({ issueCount: 2, last24h: { events: 2, users: 2 } });
    expect(globex?.incidents[0]?.tenantIssues).toBe(2);
    expect(await getTenantSummary(db(), { tenantId: "nobody", now })).toBeNull();
  });

  it("gives the newest last seen of a tenant's issues, among the newest issues or only older ones", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    // More newer issues than the tenant page looks through before taking a quiet tenant's maximum.
    const filler = Array.from({ length: 2001 }, (_, i) => ({
      id: String(100_000 + i),
      projectId: "1",
      title: `Filler ${i}`,
      firstSeen: hoursAgo(200),
      lastSeen: hoursAgo(2),
    }));
    await insertIssuesBulk(db(), filler);
    const seen = async (id: string, lastSeen: Date, tenantId: string) => {
      await upsertIssue(db(), { id, projectId: "1", title: id, firstSeen: hoursAgo(500), lastSeen });
      // At the issue's last seen: a later event would move it (events keep an issue's seen range).
      await event(db(), id, { tenantId, occurredAt: lastSeen });
    };
    await seen("1", hoursAgo(1), "busy");
    await seen("2", hoursAgo(400), "busy");
    await seen("3", hoursAgo(300), "quiet");
    await seen("4", hoursAgo(100), "quiet");
    expect(await getTenantSummary(db(), { tenantId: "busy", now })).toMatchObject({
      issueCount: 2,
      openIssueCount: 2,
      lastSeen: hoursAgo(1),
    });
    expect(await getTenantSummary(db(), { tenantId: "quiet", now })).toMatchObject({
      issueCount: 2,
      lastSeen: hoursAgo(100),
    });
  });

  it("counts a team's issues by status from the newest analysis, as the owner filter lists them", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    const analyse = (issueId: string, owner: string) =>
      insertAnalysis(db(), {
        issueId,
        analyserVersion: "3",
        summary: "s",
        owner: { owner, source: "ownership_rule", rule: null },
        blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
        inAppFrames: [],
      });
    await issue(db(), "20");
    await issue(db(), "21", { status: "resolved" });
    await issue(db(), "22");
    await issue(db(), "23", { status: "ignored" });
    await analyse("20", "#payments");
    await analyse("21", "#payments");
    await analyse("22", "#payments");
    await analyse("22", "#frontend"); // re-owned: no longer in the payments queue
    await analyse("23", "#payments");
    expect(await getTeamSummary(db(), "#payments")).toEqual({ open: 1, resolved: 1, ignored: 1, total: 3 });
    expect(await getTeamSummary(db(), "#frontend")).toEqual({ open: 1, resolved: 0, ignored: 0, total: 1 });
    expect(await getTeamSummary(db(), "#nobody")).toEqual({ open: 0, resolved: 0, ignored: 0, total: 0 });
    expect(await ids(db(), { owner: "#payments", status: "unresolved", limit: 10 })).toEqual(["20"]);
  });

  it("tells a release's new issues from its regressed ones, lists and counts alike, with keyset pages", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    // 30, 31: first seen in 2.0. 32: first seen in 1.0, regressed, back in 2.0. 33: first seen in
    // 1.0, seen in 2.0 but not regressed. 34: regressed, but never in 2.0. 35: no release at all.
    for (const id of ["30", "31"]) await issue(db(), id);
    await issue(db(), "32", { substatus: "regressed" });
    await issue(db(), "33", { substatus: "ongoing" });
    await issue(db(), "34", { substatus: "regressed" });
    await issue(db(), "35", { substatus: "regressed" });
    await event(db(), "30", { release: "web@2.0", occurredAt: hoursAgo(5) });
    await event(db(), "30", { release: "web@1.0", occurredAt: hoursAgo(2) });
    await event(db(), "31", { release: "web@2.0", occurredAt: hoursAgo(4) });
    await event(db(), "32", { release: "web@1.0", occurredAt: hoursAgo(100) });
    await event(db(), "32", { release: "web@2.0", occurredAt: hoursAgo(3) });
    await event(db(), "33", { release: "web@1.0", occurredAt: hoursAgo(100) });
    await event(db(), "33", { release: "web@2.0", occurredAt: hoursAgo(3) });
    await event(db(), "34", { release: "web@1.0", occurredAt: hoursAgo(3) });
    await event(db(), "35", { occurredAt: hoursAgo(3) });
    await event(db(), "35", { release: "web@2.0", occurredAt: hoursAgo(2) });
    for (const id of ["30", "32"]) await recordReleasesOf(db(), id);

    const summary = await getReleaseSummary(db(), "web@2.0");
    expect(summary).toMatchObject({ release: "web@2.0", issueCount: 5, newCount: 2, regressedCount: 2 });
    expect(summary?.projects).toEqual([{ projectId: "1", firstSeen: hoursAgo(5) }]);
    expect(await ids(db(), { firstRelease: "web@2.0", limit: 10 })).toEqual(["31", "30"]);
    // 35's first event carried no release: it is not new in 2.0, and it came back in it.
    expect(await ids(db(), { regressedIn: "web@2.0", limit: 10 })).toEqual(["35", "32"]);
    expect(await ids(db(), { firstRelease: "web@1.0", limit: 10 })).toEqual(["34", "33", "32"]);
    expect(await ids(db(), { regressedIn: "web@1.0", limit: 10 })).toEqual([]);

    const first = await listIssues(db(), { firstRelease: "web@2.0", limit: 1 });
    if ("badCursor" in first || !first.nextCursor) throw new Error("expected a second page");
    expect(await ids(db(), { firstRelease: "web@2.0", limit: 1, cursor: first.nextCursor })).toEqual(
      first.items[0]?.id === "31" ? ["30"] : ["31"],
    );
    expect(await getReleaseSummary(db(), "web@9.9")).toBeNull();
  });
});
