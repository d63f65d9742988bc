import { expect, it } from "vitest";
import type { CategoryVerdict } from "@/lib/analysis/types";
import { describeOnEachDatabase } from "@/test/databases";
import { insertAnalysis } from "./analyses";
import { insertEvent } from "./events";
import { decodeCursor } from "./issue-cursor";
import { setIssuePriority } from "./issue-row";
import { upsertIssue } from "./issues";
import { listIssues } from "./list-issues";
import { upsertProject } from "./projects";

const base = new Date("2026-11-01T00:00:00Z").getTime();

async function seed(db: Parameters<typeof upsertIssue>[0], count: number) {
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  await upsertProject(db, { id: "2", slug: "api", name: "API", platform: "python" });
  for (let i = 0; i < count; i++) {
    // Pairs of issues share a lastSeen, so the cursor must break ties by id.
    const seen = new Date(base + Math.floor(i / 2) * 60_000);
    await upsertIssue(db, {
      id: String(1000 + i),
      shortId: `WEB-${i}`,
      projectId: i % 3 === 0 ? "2" : "1",
      title: i === 4 ? "TypeError: cannot read 50% of undefined" : `Error number ${i}`,
      culprit: null,
      level: "error",
      status: i === 5 ? "resolved" : "unresolved",
      platform: "javascript",
      permalink: null,
      firstSeen: seen,
      lastSeen: seen,
      sentryCount: 1,
      sentryUserCount: 1,
    });
  }
}

describeOnEachDatabase("listIssues", (db) => {
  it("pages newest first through every issue exactly once, ties broken by id", async () => {
    await seed(db(), 11);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listIssues(db(), { limit: 3, cursor });
      if ("badCursor" in result) throw new Error("bad cursor");
      seen.push(...result.items.map((i) => i.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    expect(seen.slice(0, 3)).toEqual(["1010", "1009", "1008"]);
  });

  it("filters by text (literally, % is not a wildcard), project slug and status", async () => {
    await seed(db(), 11);
    const byText = await listIssues(db(), { limit: 50, q: "50%" });
    expect("items" in byText && byText.items.map((i) => i.id)).toEqual(["1004"]);
    const byProject = await listIssues(db(), { limit: 50, project: "api" });
    expect("items" in byProject && byProject.items.map((i) => i.project.slug)).toEqual([
      "api",
      "api",
      "api",
      "api",
    ]);
    const resolved = await listIssues(db(), { limit: 50, status: "resolved" });
    expect("items" in resolved && resolved.items.map((i) => i.id)).toEqual(["1005"]);
  });

  it("filters by the category of each issue's newest analysis, and lists it", async () => {
    await seed(db(), 4);
    const analyse = (issueId: string, category: CategoryVerdict | null) =>
      insertAnalysis(db(), {
        issueId,
        analyserVersion: category ? "2" : "1",
        summary: "s",
        owner: { owner: "#triage", source: "fallback", rule: null },
        blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
        inAppFrames: [],
        category,
      });
    const database: CategoryVerdict = { category: "database", reason: 'exception type "*pq.Error"' };
    const network: CategoryVerdict = { category: "network", reason: 'message "Failed to fetch"' };
    await analyse("1000", database);
    // Re-categorised: only the newest analysis counts.
    await analyse("1001", database);
    await analyse("1001", network);
    // An analysis from before categories.
    await analyse("1002", null);
    const byDatabase = await listIssues(db(), { limit: 50, category: "database" });
    expect("items" in byDatabase && byDatabase.items.map((i) => [i.id, i.analysis?.category])).toEqual([
      ["1000", "database"],
    ]);
    const byNetwork = await listIssues(db(), { limit: 50, category: "network", status: "unresolved" });
    expect("items" in byNetwork && byNetwork.items.map((i) => i.id)).toEqual(["1001"]);
    const all = await listIssues(db(), { limit: 50 });
    expect("items" in all && all.items.map((i) => [i.id, i.analysis?.category ?? null])).toEqual([
      ["1003", null],
      ["1002", null],
      ["1001", "network"],
      ["1000", "database"],
    ]);
    const none = await listIssues(db(), { limit: 50, category: "auth" });
    expect("items" in none && none.items).toEqual([]);
  });

  it("pages by most users and by most events, every issue once, ties broken by id", async () => {
    await seed(db(), 11);
    // Issue 1000+i gets i % 4 users over i % 5 + 1 events, so counts tie across pages.
    for (let i = 0; i < 11; i++) {
      for (let e = 0; e < (i % 5) + 1; e++) {
        await insertEvent(db(), {
          id: `${i}`.padStart(16, "0") + `${e}`.padStart(16, "0"),
          issueId: String(1000 + i),
          projectId: i % 3 === 0 ? "2" : "1",
          occurredAt: new Date(base),
          userId: e < i % 4 ? `user-${e}` : null,
          tags: {},
          frames: [],
        });
      }
    }
    for (const sort of ["users", "events"] as const) {
      const seen: { id: string; users: number; events: number }[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await listIssues(db(), { limit: 3, cursor, sort });
        if ("badCursor" in result) throw new Error("bad cursor");
        seen.push(...result.items.map((i) => ({ id: i.id, users: i.userCount, events: i.eventCount })));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(new Set(seen.map((s) => s.id)).size).toBe(11);
      const counts = seen.map((s) => (sort === "users" ? s.users : s.events));
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      // A cursor belongs to its sort.
      const other = sort === "users" ? "events" : "users";
      const first = await listIssues(db(), { limit: 3, sort });
      if ("badCursor" in first || !first.nextCursor) throw new Error("expected a second page");
      expect(await listIssues(db(), { limit: 3, sort: other, cursor: first.nextCursor })).toEqual({
        badCursor: true,
      });
    }
    const byUsers = await listIssues(db(), { limit: 1, sort: "users" });
    expect("items" in byUsers && byUsers.items[0]).toMatchObject({ userCount: 3 });
  });

  it("sorts by priority (tier, then score, unanalysed last) and filters by tier, paging every issue once", async () => {
    await seed(db(), 11);
    // Issue 1000+i gets tier i % 4; in a tier the lowest id scores highest, and the others tie on
    // score, so both the score and the id order a page. 1009 and 1010 are not analysed.
    const tiers = ["P0", "P1", "P2", "P3"] as const;
    for (let i = 0; i < 9; i++) {
      await setIssuePriority(db(), String(1000 + i), {
        tier: tiers[i % 4] as (typeof tiers)[number],
        score: 70 - 15 * (i % 4) - (i >= 4 ? 5 : 0),
        trend: { trend: "steady", recentPerHour: 0, baselinePerHour: 0 },
        activeTenantShare: null,
        reasons: [],
      });
    }
    const seen: { id: string; priority: string | null; rank: number }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listIssues(db(), { limit: 2, cursor, sort: "priority" });
      if ("badCursor" in result) throw new Error("bad cursor");
      seen.push(
        ...result.items.map((i) => ({ id: i.id, priority: tierName(i.priorityTier), rank: i.priorityRank })),
      );
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen.map((s) => s.id)).toEqual([
      "1000",
      "1008",
      "1004",
      "1001",
      "1005",
      "1002",
      "1006",
      "1003",
      "1007",
      "1010",
      "1009",
    ]);
    expect(seen.map((s) => s.priority)).toEqual([
      "P0",
      "P0",
      "P0",
      "P1",
      "P1",
      "P2",
      "P2",
      "P3",
      "P3",
      null,
      null,
    ]);

    const p1 = await listIssues(db(), { limit: 50, priority: "P1", sort: "priority" });
    expect("items" in p1 && p1.items.map((i) => i.id)).toEqual(["1001", "1005"]);
    const p0ByRecency = await listIssues(db(), { limit: 50, priority: "P0" });
    expect("items" in p0ByRecency && p0ByRecency.items.map((i) => i.id)).toEqual(["1008", "1004", "1000"]);
    // A cursor belongs to its sort.
    const first = await listIssues(db(), { limit: 2, sort: "priority" });
    if ("badCursor" in first || !first.nextCursor) throw new Error("expected a second page");
    expect(await listIssues(db(), { limit: 2, cursor: first.nextCursor })).toEqual({ badCursor: true });
  });

  it("copies the newest priority onto the issue, tier and rank", async () => {
    await seed(db(), 1);
    const priority = {
      tier: "P2" as const,
      score: 25,
      trend: { trend: "new" as const, recentPerHour: 1, baselinePerHour: null },
      activeTenantShare: 0.5,
      reasons: [],
    };
    await setIssuePriority(db(), "1000", priority);
    const before = await listIssues(db(), { limit: 1 });
    await setIssuePriority(db(), "1000", { ...priority, tier: "P1", score: 41 });
    const after = await listIssues(db(), { limit: 1 });
    expect("items" in before && before.items[0]).toMatchObject({ priorityTier: 2, priorityRank: 2025 });
    expect("items" in after && after.items[0]).toMatchObject({ priorityTier: 1, priorityRank: 3041 });
  });

  it("refuses a cursor it did not make", async () => {
    expect(await listIssues(db(), { limit: 5, cursor: "bm90LWEtY3Vyc29y" })).toEqual({ badCursor: true });
    expect(decodeCursor("garbage")).toBeNull();
    const forged = Buffer.from("lastSeen|+275760-09-13T00:00:00.000Z|1").toString("base64url");
    expect(await listIssues(db(), { limit: 5, cursor: forged })).toEqual({ badCursor: true });
  });

  it("keeps the widest seen range when an older issue webhook arrives late", async () => {
    await seed(db(), 1);
    await upsertIssue(db(), {
      id: "1000",
      shortId: "WEB-0",
      projectId: "2",
      title: "Error number 0",
      culprit: null,
      level: "error",
      status: "unresolved",
      platform: "javascript",
      permalink: null,
      firstSeen: new Date(base - 3_600_000),
      lastSeen: new Date(base - 3_600_000),
      sentryCount: null,
      sentryUserCount: null,
    });
    const page = await listIssues(db(), { limit: 5 });
    expect("items" in page && page.items[0]).toMatchObject({
      firstSeen: new Date(base - 3_600_000),
      lastSeen: new Date(base),
    });
  });
});

const tierName = (tier: number | null) => (tier === null ? null : `P${tier}`);
