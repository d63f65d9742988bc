import { readFileSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import { listCandidateCommits } from "@/lib/db/queries/commits";
import { commitFiles, commits } from "@/lib/db/schema";
import { createSentryApiClient } from "@/lib/sentry/api-client";
import { SentryRateLimitError } from "@/lib/sentry/api-errors";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { storeReleaseCommitsFromSentry } from "./fetch-release-commits";

const token = "sift-test-token";
const org = "acme";
const release = "frontend@1.0.0";
// The real example entry, given the repository and author the schema allows, once per commit.
const [example] = JSON.parse(readFileSync(`${fixturesDir}/api-examples/list-release-commits.json`, "utf8"));
const repository = { id: "5", name: "acme/web", dateCreated: "2023-01-01T00:00:00Z" };
function sentryCommit(sha: string, message: string, hour: number) {
  return {
    ...example,
    id: sha.padEnd(40, "0"),
    message,
    dateCreated: new Date(Date.UTC(2024, 0, 1, hour)).toISOString(),
    repository,
    author: { name: "Ada", email: "ada@example.com" },
  };
}
const served = [
  sentryCommit("a", "fix: cart total", 1),
  sentryCommit("b", "chore: lint", 2),
  sentryCommit("c", "chore: lint", 3), // same message as b: its files cannot be told apart
];
// As Sentry's CommitFileChangeSerializer writes them.
const file = (message: string, filename: string) => ({
  id: String(filename.length),
  orgId: 1,
  author: {},
  commitMessage: message,
  filename,
  type: "M",
  repoName: "acme/web",
});
const files = [
  file("fix: cart total", "src/cart.ts"),
  file("fix: cart total", "src/total.ts"),
  file("chore: lint", "src/x.ts"),
];

let server: SentryApiServer | undefined;
afterEach(() => server?.close());
async function start(options: Partial<Parameters<typeof startSentryApiServer>[0]> = {}) {
  server = await startSentryApiServer({
    token,
    org,
    events: {},
    pageSize: 2,
    releases: { [release]: { commits: served, files } },
    ...options,
  });
  return { server, client: createSentryApiClient({ baseUrl: server.url, token, org }) };
}

describeOnEachDatabase("release commits from Sentry's API", (db) => {
  it("pages through a release's commits, attaches the files it can, and reads each release once", async () => {
    const { server, client } = await start();
    expect(await storeReleaseCommitsFromSentry(db(), release, client)).toBe(3);
    expect(server.mismatches).toEqual([]);
    const base = `/api/0/organizations/${org}/releases/frontend%401.0.0`;
    expect(server.requests.map((r) => `${r.path}${r.query}`)).toEqual([
      `${base}/commits/`,
      `${base}/commits/?cursor=0%3A2%3A0`,
      `${base}/commitfiles/`,
    ]);
    const rows = await db().select().from(commits).orderBy(commits.committedAt);
    expect(rows.map((r) => [r.sha[0], r.repo, r.release, r.authorEmail])).toEqual([
      ["a", "acme/web", release, "ada@example.com"],
      ["b", "acme/web", release, "ada@example.com"],
      ["c", "acme/web", release, "ada@example.com"],
    ]);
    const stored = await db().select().from(commitFiles).orderBy(commitFiles.path);
    expect(stored.map((f) => [f.sha[0], f.path])).toEqual([
      ["a", "src/cart.ts"],
      ["a", "src/total.ts"],
    ]);
    const candidates = await listCandidateCommits(db(), {
      basenames: ["cart.ts"],
      since: new Date(0),
      until: new Date(),
      release,
      limit: 5,
    });
    expect(candidates.map((c) => c.sha[0])).toEqual(["a"]);

    expect(await storeReleaseCommitsFromSentry(db(), release, client)).toBe(0);
    expect(server.requests).toHaveLength(3);
  });

  it("remembers a release Sentry does not know, without asking for its files", async () => {
    const { server, client } = await start();
    expect(await storeReleaseCommitsFromSentry(db(), "9.9.9", client)).toBe(0);
    expect(await storeReleaseCommitsFromSentry(db(), "9.9.9", client)).toBe(0);
    expect(server.requests.map((r) => r.path)).toEqual([
      `/api/0/organizations/${org}/releases/9.9.9/commits/`,
    ]);
    expect(await db().$count(commits)).toBe(0);
  });

  it("lets a rate limit propagate and reads the release again next time", async () => {
    const { server, client } = await start({ rateLimitOnce: true });
    await expect(storeReleaseCommitsFromSentry(db(), release, client)).rejects.toBeInstanceOf(
      SentryRateLimitError,
    );
    expect(await db().$count(commits)).toBe(0);
    expect(await storeReleaseCommitsFromSentry(db(), release, client)).toBe(3);
    expect(server.mismatches).toEqual([]);
  });
});
