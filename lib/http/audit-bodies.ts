import "server-only";
import type { AuditEntryBody, AuditListResponse } from "@/lib/contracts/audit";
import type { AuditRow } from "@/lib/db/queries/audit-log";

export function toAuditEntry(row: AuditRow): AuditEntryBody {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { sub: row.actorSub, name: row.actorName },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    before: row.before,
    after: row.after,
  };
}

/** `rows` were read with one more than `limit`: that extra row only says a next page exists. */
export function toAuditListBody(rows: AuditRow[], limit: number): AuditListResponse {
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page.at(-1) : undefined;
  return { items: page.map(toAuditEntry), nextCursor: last ? String(last.id) : null };
}
