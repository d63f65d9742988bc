export type IssueSort = "lastSeen" | "users" | "tenants" | "events" | "priority";

// A keyset cursor: the sort it belongs to, the last row's sort value and its id (the tie-breaker).
export type IssueCursor = { sort: IssueSort; value: string; id: string };

export function encodeCursor(cursor: IssueCursor): string {
  return Buffer.from(`${cursor.sort}|${cursor.value}|${cursor.id}`).toString("base64url");
}

const LATEST_MS = Date.UTC(9999, 11, 31);

/** Returns null for a cursor that was not made by encodeCursor for this sort, so callers can answer 400. */
export function decodeCursor(value: string, sort: IssueSort = "lastSeen"): IssueCursor | null {
  const [cursorSort, sortValue, id, extra] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (extra !== undefined || cursorSort !== sort || !sortValue || !id || !/^\d{1,20}$/.test(id)) return null;
  if (sort === "lastSeen") {
    const at = Date.parse(sortValue);
    // A forged date outside PostgreSQL's timestamp range would fail the query instead of matching nothing.
    if (!(at >= 0 && at <= LATEST_MS)) return null;
  } else if (!/^\d{1,15}$/.test(sortValue)) {
    return null;
  }
  return { sort, value: sortValue, id };
}
