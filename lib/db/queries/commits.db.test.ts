import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { commitFiles } from "../schema";
import {
  countReleaseCommits,
  getFirstSeenRelease,
  insertCommits,
  listCandidateCommits,
  type NewCommit,
} from "./commits";
import { insertEvent } from "./events";
import { upsertIssue } from "./issues";
import { upsertProject } from "./projects";

const at = (day: number) => new Date(Date.UTC(2026, 3, day, 12));

function commit(sha: string, day: number, files: string[], release: string | null = null): NewCommit {
  return {
    sha,
    repo: "shop",
    message: `commit ${sha}`,
    authorName: "Ada",
    authorEmail: "ada@example.com",
    committedAt: at(day),
    release,
    files,
  };
}

describeOnEachDatabase("commits", (db) => {
  it("stores commits once, adds new files, and keeps the first release a commit shipped in", async () => {
    expect(
      await insertCommits(db(), [commit("a1", 1, ["src/cart.ts"]), commit("b2", 2, ["src/api.ts"], "1.0")]),
    ).toBe(2);
    // Re-imported under a later release: a1 had none, so it takes 1.1; b2 keeps 1.0.
    expect(
      await insertCommits(db(), [
        commit("a1", 1, ["src/cart.ts", "src/new.ts"], "1.1"),
        commit("b2", 2, [], "1.1"),
      ]),
    ).toBe(0);
    expect(await countReleaseCommits(db(), "1.0")).toBe(1);
    expect(await countReleaseCommits(db(), "1.1")).toBe(1);
    expect(await db().$count(commitFiles)).toBe(3);
  });

  it("lists commits in the window or the release that touched a file of that name, newest first", async () => {
    await insertCommits(db(), [
      commit("old", 1, ["src/checkout/cart.ts"], "2.0"), // outside the window, but in the release
      commit("older", 2, ["src/checkout/cart.ts"]), // outside the window, no release
      commit("hit", 10, ["web/src/checkout/cart.ts", "README.md", "src/other.ts"]),
      commit("miss", 11, ["src/checkout/mycart.ts"]),
      commit("late", 20, ["src/checkout/cart.ts"]),
    ]);
    const params = {
      basenames: ["cart.ts", "api.ts"],
      since: at(5),
      until: at(15),
      release: "2.0",
      limit: 10,
    };
    const rows = await listCandidateCommits(db(), params);
    expect(rows.map((r) => r.sha)).toEqual(["hit", "old"]);
    expect(rows[0]).toMatchObject({ files: ["web/src/checkout/cart.ts"], authorEmail: "ada@example.com" });
    expect(rows[0]?.committedAt).toEqual(at(10));
    expect((await listCandidateCommits(db(), { ...params, release: null })).map((r) => r.sha)).toEqual([
      "hit",
    ]);
    expect(await listCandidateCommits(db(), { ...params, limit: 1 })).toHaveLength(1);
    expect(await listCandidateCommits(db(), { ...params, basenames: [] })).toEqual([]);
  });

  it("finds the release of the issue's earliest event that has one", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: "Web", platform: "javascript" });
    await upsertIssue(db(), { id: "7", projectId: "1", title: "Boom", firstSeen: at(1), lastSeen: at(3) });
    expect(await getFirstSeenRelease(db(), "7")).toBeNull();
    const event = (id: string, day: number, release: string | null) => ({
      id: id.padStart(32, "0"),
      issueId: "7",
      projectId: "1",
      occurredAt: at(day),
      release,
      tags: {},
      frames: [],
    });
    await insertEvent(db(), event("3", 3, "2.5.0"));
    await insertEvent(db(), event("1", 1, null));
    await insertEvent(db(), event("2", 2, "2.4.1"));
    expect(await getFirstSeenRelease(db(), "7")).toBe("2.4.1");
  });
});
