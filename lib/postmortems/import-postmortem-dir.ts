import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/lib/db/connect";
import { type SaveOutcome, savePostmortem } from "@/lib/db/queries/postmortems";
import { preparePostmortem } from "./prepare-postmortem";

/** The folder cannot be read at all: nothing was imported. */
export class PostmortemDirError extends Error {
  override name = "PostmortemDirError";
}

export type ImportProgress = {
  file: string;
  done: number;
  total: number;
  outcome: SaveOutcome | "failed";
  error?: string;
};

export type ImportTotals = Record<SaveOutcome, number> & { failed: { file: string; error: string }[] };

// Files larger than this are not post-mortems (a log dump, a binary renamed .md).
const MAX_BYTES = 1_000_000;

/**
 * Imports every `*.md` file of `dir` (not its subfolders), in name order, each keyed by its file
 * name: unchanged files are left alone, changed ones updated, new ones added. A file that cannot
 * be read is reported and skipped; the others are still imported.
 */
export async function importPostmortemDir(
  db: Database,
  dir: string,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportTotals> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new PostmortemDirError(`${dir} is not a folder.`);
    names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith(".md")).sort();
  } catch (error) {
    if (error instanceof PostmortemDirError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PostmortemDirError(
      code === "ENOENT"
        ? `No folder at ${dir}.`
        : `Cannot read the folder ${dir}: ${(error as Error).message}`,
    );
  }
  const totals: ImportTotals = { created: 0, updated: 0, unchanged: 0, failed: [] };
  for (const [i, name] of names.entries()) {
    const report = (outcome: ImportProgress["outcome"], error?: string) =>
      onProgress({ file: name, done: i + 1, total: names.length, outcome, ...(error ? { error } : {}) });
    let markdown: string;
    try {
      const file = path.join(dir, name);
      if ((await stat(file)).size > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES} bytes`);
      markdown = await readFile(file, "utf8");
    } catch (error) {
      const message = `cannot read ${name}: ${(error as Error).message}`;
      totals.failed.push({ file: name, error: message });
      report("failed", message);
      continue;
    }
    const fallbackTitle = name.replace(/\.md$/i, "").replace(/[-_]+/g, " ");
    const { outcome } = await savePostmortem(
      db,
      preparePostmortem(markdown, { fallbackTitle, source: name }),
      null,
    );
    totals[outcome]++;
    report(outcome);
  }
  return totals;
}
