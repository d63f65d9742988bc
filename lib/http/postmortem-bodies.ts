import "server-only";
import type { PostmortemDetail, PostmortemItem } from "@/lib/contracts/postmortems";
import type { PostmortemListRow, PostmortemRow } from "@/lib/db/queries/postmortems";

// Post-mortem rows become response bodies here, as issue rows do in issue-bodies.ts.

export function toPostmortemItem(row: PostmortemListRow): PostmortemItem {
  return {
    id: row.id,
    title: row.title,
    occurredOn: row.occurredOn,
    source: row.source,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const toPostmortemDetail = (row: PostmortemRow): PostmortemDetail => ({
  ...toPostmortemItem(row),
  markdown: row.markdown,
});
