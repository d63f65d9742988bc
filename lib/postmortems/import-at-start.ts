import "server-only";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { importPostmortemDir } from "./import-postmortem-dir";

const holder = globalThis as unknown as { __siftPostmortemImport?: Promise<void> };

/**
 * Imports SIFT_POSTMORTEMS_DIR once per server process (the dev server sets it to the samples in
 * dev/postmortems). In this process, not beside it: PGlite's folder must have one opener. An
 * unchanged folder costs one read per file; a failure is logged and never stops the server.
 */
export function importPostmortemsAtStart(): void {
  const dir = env.SIFT_POSTMORTEMS_DIR;
  if (!dir || holder.__siftPostmortemImport) return;
  holder.__siftPostmortemImport = (async () => {
    try {
      const totals = await importPostmortemDir(await getDb(), dir);
      console.log(
        `[sift] post-mortems from ${dir}: ${totals.created} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.failed.length} unreadable`,
      );
    } catch (error) {
      console.warn(`[sift] post-mortems from ${dir} not imported: ${(error as Error).message}`);
    }
  })();
}
