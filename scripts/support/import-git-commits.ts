import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import type { Database } from "@/lib/db/connect";
import { insertCommits, type NewCommit } from "@/lib/db/queries/commits";

export type ImportOptions = {
  /** Marks the imported commits that have no release yet as shipped in this one. */
  release?: string | null;
  /** What `git log` walks, e.g. `v2.4.0..v2.4.1`; default HEAD. */
  range?: string;
  /** The repository's name in Sift; default the name of its top-level folder. */
  repo?: string;
  /** Called after each stored batch with the running totals. */
  onProgress?: (progress: { read: number; inserted: number }) => void;
};

export class NotAGitRepositoryError extends Error {}

const BATCH = 500;
// Record and field separators: `git log` puts them where the format says, and commit messages
// and paths practically never contain them.
const RS = "\u001e";
const US = "\u001f";
const FORMAT = `${RS}%H${US}%an${US}%ae${US}%cI${US}%B${US}`;

function git(repoPath: string, args: string[]): string {
  const result = spawnSync("git", ["-C", repoPath, ...args], { encoding: "utf8" });
  if (result.error) throw new Error(`could not run git: ${result.error.message}`);
  if (result.status !== 0) {
    throw new NotAGitRepositoryError(`${repoPath} is not a git repository (${result.stderr.trim()})`);
  }
  return result.stdout.trim();
}

/** One `git log` record: sha, author, date, message, then the changed paths one per line. */
function parseRecord(record: string, repo: string, release: string | null): NewCommit | null {
  const [sha, authorName, authorEmail, date, message, rest = ""] = record.split(US);
  if (!sha || !date) return null;
  return {
    sha,
    repo,
    message: (message ?? "").trim(),
    authorName: authorName || null,
    authorEmail: authorEmail || null,
    committedAt: new Date(date),
    release,
    files: rest.split("\n").filter((line) => line.trim() !== ""),
  };
}

/**
 * Reads a local repository's history (`git log --name-only`, streamed, newest first) into
 * `commits` and `commit_files`, BATCH commits per transaction. A commit already stored keeps its
 * release, so importing each release's range in turn tags every commit with the release that
 * first shipped it. Throws NotAGitRepositoryError for a path git does not recognise.
 */
export async function importGitCommits(
  db: Database,
  repoPath: string,
  options: ImportOptions = {},
): Promise<{ read: number; inserted: number }> {
  const topLevel = git(repoPath, ["rev-parse", "--show-toplevel"]);
  const repo = options.repo ?? path.basename(topLevel);
  const release = options.release ?? null;
  const child = spawn(
    "git",
    [
      "-C",
      repoPath,
      "-c",
      "core.quotePath=false",
      "log",
      "--name-only",
      `--format=${FORMAT}`,
      options.range ?? "HEAD",
      "--",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });

  const totals = { read: 0, inserted: 0 };
  let batch: NewCommit[] = [];
  const flush = async () => {
    totals.read += batch.length;
    totals.inserted += await insertCommits(db, batch);
    batch = [];
    options.onProgress?.({ ...totals });
  };
  let pending = "";
  for await (const chunk of child.stdout.setEncoding("utf8")) {
    const records = (pending + chunk).split(RS);
    pending = records.pop() ?? "";
    for (const record of records) {
      const commit = parseRecord(record, repo, release);
      if (commit) batch.push(commit);
      if (batch.length >= BATCH) await flush();
    }
  }
  const last = parseRecord(pending, repo, release);
  if (last) batch.push(last);
  if (batch.length > 0) await flush();
  const code = await exited;
  if (code !== 0) throw new Error(`git log failed (${code}): ${stderr.trim()}`);
  return totals;
}
