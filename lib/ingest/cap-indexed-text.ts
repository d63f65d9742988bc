import { createHash } from "node:crypto";

// Identity columns (user, tenant) are keys of the per-issue rollups and the trace id is indexed;
// PostgreSQL refuses a btree entry over ~2.7 kB (SQLSTATE 54000), so one event with a 3 kB user id
// would fail its delivery with a 500. Real ids are far shorter. A longer value keeps its first
// 200 characters, readable, and a hash of the whole, so two long values stay two identities.
const MAX_INDEXED = 256;
const KEEP = 200;

/** The value itself when it is at most 256 characters, else its start, "…#" and its sha256. */
export function capIndexedText(value: string): string;
export function capIndexedText(value: string | null): string | null;
export function capIndexedText(value: string | null): string | null {
  if (value === null || value.length <= MAX_INDEXED) return value;
  const digest = createHash("sha256").update(value).digest("hex");
  const start = value.slice(0, KEEP);
  // Never cut a surrogate pair in half: PostgreSQL refuses the lone half.
  return `${/[\ud800-\udbff]$/.test(start) ? start.slice(0, -1) : start}…#${digest}`;
}
