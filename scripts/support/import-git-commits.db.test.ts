import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countReleaseCommits, listCandidateCommits } from "@/lib/db/queries/commits";
import { commitFiles, commits } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { importGitCommits, NotAGitRepositoryError } from "./import-git-commits";

// A real repository, made here: three commits, a tag after the second, a message with a blank
// line and a path with a space.
let root: string;
let repoPath: string;
const shas: string[] = [];

function git(...args: string[]) {
  return execFileSync("git", ["-C", repoPath, ...args], { encoding: "utf8" }).trim();
}
function commitFilesAt(date: string, message: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repoPath, file)), { recursive: true });
    writeFileSync(path.join(repoPath, file), text);
  }
  git("add", "-A");
  execFileSync("git", ["-C", repoPath, "commit", "-q", "-m", message], {
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  shas.push(git("rev-parse", "HEAD"));
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "sift-import-"));
  repoPath = path.join(root, "shop");
  mkdirSync(repoPath);
  git("init", "-q");
  git("config", "user.name", "Ada Lovelace");
  git("config", "user.email", "ada@example.com");
  commitFilesAt("2024-05-01T10:00:00Z", "Initial cart", { "src/checkout/cart.ts": "1", "README.md": "r" });
  commitFilesAt("2024-05-02T10:00:00Z", "Price rounding\n\nRounds half up.", {
    "src/checkout/cart.ts": "2",
    "src/my file.ts": "x",
  });
  git("tag", "v1");
  commitFilesAt("2024-05-03T10:00:00Z", "Docs", { "docs/guide.md": "g" });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeOnEachDatabase("importing a local git history", (db) => {
  it("stores every commit with its author, date, message and files, reporting progress", async () => {
    const progress: { read: number; inserted: number }[] = [];
    const totals = await importGitCommits(db(), repoPath, { onProgress: (p) => progress.push(p) });
    expect(totals).toEqual({ read: 3, inserted: 3 });
    expect(progress.at(-1)).toEqual(totals);
    const rows = await db().select().from(commits).orderBy(commits.committedAt);
    expect(rows).toEqual([
      {
        sha: shas[0],
        repo: "shop",
        message: "Initial cart",
        authorName: "Ada Lovelace",
        authorEmail: "ada@example.com",
        committedAt: new Date("2024-05-01T10:00:00Z"),
        release: null,
      },
      expect.objectContaining({ sha: shas[1], message: "Price rounding\n\nRounds half up." }),
      expect.objectContaining({ sha: shas[2], message: "Docs" }),
    ]);
    const files = await db().select().from(commitFiles).orderBy(commitFiles.sha, commitFiles.path);
    expect(files).toHaveLength(5);
    expect(files.filter((f) => f.sha === shas[1]).map((f) => f.path)).toEqual([
      "src/checkout/cart.ts",
      "src/my file.ts",
    ]);
    const candidates = await listCandidateCommits(db(), {
      basenames: ["cart.ts"],
      since: new Date("2024-04-01T00:00:00Z"),
      until: new Date("2024-06-01T00:00:00Z"),
      release: null,
      limit: 10,
    });
    expect(candidates.map((c) => c.sha)).toEqual([shas[1], shas[0]]);
  });

  it("tags a release's range, and a commit keeps the first release it shipped in", async () => {
    expect(
      await importGitCommits(db(), repoPath, { range: "v1", release: "1.0.0", repo: "acme/shop" }),
    ).toEqual({
      read: 2,
      inserted: 2,
    });
    expect(await importGitCommits(db(), repoPath, { release: "1.1.0" })).toEqual({ read: 3, inserted: 1 });
    expect(await countReleaseCommits(db(), "1.0.0")).toBe(2);
    expect(await countReleaseCommits(db(), "1.1.0")).toBe(1);
    const [first] = await db().select().from(commits).orderBy(commits.committedAt).limit(1);
    expect(first?.repo).toBe("acme/shop");
  });

  it("refuses a folder that is not a git repository, storing nothing", async () => {
    const plain = mkdtempSync(path.join(tmpdir(), "sift-not-git-"));
    try {
      await expect(importGitCommits(db(), plain)).rejects.toBeInstanceOf(NotAGitRepositoryError);
      await expect(importGitCommits(db(), path.join(plain, "missing"))).rejects.toThrow(
        /is not a git repository/,
      );
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    expect(await db().$count(commits)).toBe(0);
  });
});

it("npm run import:commits prints progress, and a clear error for a path that is not a repository", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "sift-import-db-"));
  const run = (...args: string[]) =>
    spawnSync("npx", ["tsx", "scripts/import-commits.ts", ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", SIFT_DATA_DIR: dataDir },
    });
  try {
    const ok = run(repoPath, "--release", "2.0.0");
    expect(ok.stdout).toContain("… 3 commits read, 3 new");
    expect(ok.stdout).toMatch(/imported 3 commits \(3 new, release 2\.0\.0\) in [\d.]+ s/);
    expect(ok.status).toBe(0);
    const bad = run(dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${dataDir} is not a git repository`);
    expect(run().status).toBe(2);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
