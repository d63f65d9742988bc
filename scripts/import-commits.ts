// `npm run import:commits -- <repo path> [--release <name>] [--range <revs>] [--repo <name>]`:
// stores a local repository's commits and the files they changed, so the issue page can name the
// commits that touched an issue's in-app files before it was first seen (when Sentry has no
// commits for the release). Uses DATABASE_URL, or the PGlite folder SIFT_DATA_DIR, like the server.
import { parseArgs } from "node:util";
import { connect } from "@/lib/db/connect";
import { importGitCommits, NotAGitRepositoryError } from "./support/import-git-commits";

const USAGE =
  "usage: npm run import:commits -- <repo path> [--release <name>] [--range <revs>] [--repo <name>]";

function parseCommandLine() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { release: { type: "string" }, range: { type: "string" }, repo: { type: "string" } },
    });
    if (positionals.length === 1) return { repoPath: positionals[0] as string, ...values };
  } catch (error) {
    console.error((error as Error).message);
  }
  console.error(USAGE);
  process.exit(2);
}
const args = parseCommandLine();

const connection = await connect({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.SIFT_DATA_DIR || ".data/pglite",
});
const started = Date.now();
try {
  const totals = await importGitCommits(connection.db, args.repoPath, {
    release: args.release,
    range: args.range,
    repo: args.repo,
    onProgress: ({ read, inserted }) => console.log(`… ${read} commits read, ${inserted} new`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const tagged = args.release ? `, release ${args.release}` : "";
  console.log(`imported ${totals.read} commits (${totals.inserted} new${tagged}) in ${seconds} s`);
} catch (error) {
  console.error(error instanceof NotAGitRepositoryError ? error.message : error);
  process.exitCode = 1;
} finally {
  await connection.close();
}
