import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type OfflineEvaluation, offlineEvaluation } from "@/lib/contracts/feedback";

/** Where `npm run eval` records its latest numbers, relative to the app's root. */
export const OFFLINE_EVALUATION_FILE = "docs/eval-latest.json";

/** The latest offline evaluation `npm run eval` recorded; null when none is, or it is unreadable. */
export async function readOfflineEvaluation(root: string = process.cwd()): Promise<OfflineEvaluation | null> {
  const text = await readFile(path.join(root, OFFLINE_EVALUATION_FILE), "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const parsed = offlineEvaluation.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
