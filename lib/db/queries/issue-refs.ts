import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { textArray } from "../text-array";

/** Enough of an issue to name it in a link: its Sentry short id (when known) and title. */
export type IssueRef = { id: string; shortId: string | null; title: string };

/** The stored issues among `ids`, in the order given; unknown ids are left out. One indexed read. */
export async function listIssueRefs(db: Database, ids: string[]): Promise<IssueRef[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<{ id: string; short_id: string | null; title: string }>(
    await db.execute(sql`select id, short_id, title from issues where id = any(${textArray(ids)})`),
  );
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, shortId: r.short_id, title: r.title }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
