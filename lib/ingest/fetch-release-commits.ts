import type { Database } from "@/lib/db/connect";
import { insertCommits, type NewCommit } from "@/lib/db/queries/commits";
import { advanceSyncedUntil, getSyncedUntil } from "@/lib/db/queries/sync-state";
import type { SentryApiClient } from "@/lib/sentry/api-client";
import type { SentryCommitFile, SentryReleaseCommit } from "@/lib/sentry/release-payload";

// Sentry pages by 100: a release of more than this many commits keeps its newest thousand, which is
// where a regression is most likely to be.
const MAX_PAGES = 10;

/** Marks an organisation's release whose commits were read, found or not, so they are read once. */
export const releaseCommitsSync = (org: string, release: string) =>
  `sentry_release_commits:${org}:${release}`;

const fileKey = (repo: string | null | undefined, message: string | null | undefined) =>
  `${repo ?? ""}\u0000${message ?? ""}`;

/**
 * Sentry's commit files name their commit only by repository and message, so a file goes to the
 * commit with that pair, and is dropped when several commits of the release share it (e.g. two
 * "fix lint" commits): a wrong file would name an innocent commit.
 */
function filesByCommit(commits: SentryReleaseCommit[], files: SentryCommitFile[]): Map<string, string[]> {
  const shaByKey = new Map<string, string | null>();
  for (const c of commits) {
    const key = fileKey(c.repository?.name, c.message);
    shaByKey.set(key, shaByKey.has(key) ? null : c.id);
  }
  const out = new Map<string, string[]>();
  for (const file of files) {
    const sha = shaByKey.get(fileKey(file.repoName, file.commitMessage));
    if (sha) out.set(sha, [...(out.get(sha) ?? []), file.filename]);
  }
  return out;
}

/**
 * Reads a release's commits and the files they changed from Sentry's API into `commits` and
 * `commit_files`, once per release (a release Sentry does not know is remembered as read too).
 * Returns how many commits were new. API errors, SentryRateLimitError included, propagate so the
 * job is retried or deferred, and the release is read again then.
 */
export async function storeReleaseCommitsFromSentry(
  db: Database,
  release: string,
  client: SentryApiClient,
): Promise<number> {
  if (await getSyncedUntil(db, releaseCommitsSync(client.org, release))) return 0;
  const commits: SentryReleaseCommit[] = [];
  let cursor: string | undefined;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const page = await client.listReleaseCommits(release, cursor);
    if (!page) break;
    commits.push(...page.commits);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const files = commits.length > 0 ? ((await client.listReleaseCommitFiles(release)) ?? []) : [];
  const byCommit = filesByCommit(commits, files);
  const rows: NewCommit[] = commits.map((c) => ({
    sha: c.id,
    repo: c.repository?.name ?? "unknown",
    message: c.message ?? "",
    authorName: c.author?.name || null,
    authorEmail: c.author?.email || null,
    committedAt: new Date(c.dateCreated),
    release,
    files: byCommit.get(c.id) ?? [],
  }));
  const inserted = await insertCommits(db, rows);
  await advanceSyncedUntil(db, releaseCommitsSync(client.org, release), new Date());
  return inserted;
}
