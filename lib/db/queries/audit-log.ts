import { desc, lt } from "drizzle-orm";
import type { Database } from "../connect";
import { type AuditAction, type AuditTargetType, auditLog } from "../schema";

/** Who made a write: the verified token's subject and display name. */
export type AuditActor = { sub: string; name: string | null };

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  target: { type: AuditTargetType; id: string | number };
  /** The target's state before the write; null when it did not exist. */
  before: unknown;
  /** Its state after the write; null when the write removed it. */
  after: unknown;
};

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Records one write. Pass the transaction that makes the write, so the row commits or rolls back
 * with it: an audit row exists exactly when its write took effect.
 */
export async function recordAudit(tx: Database, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorSub: entry.actor.sub,
    actorName: entry.actor.name,
    action: entry.action,
    targetType: entry.target.type,
    targetId: String(entry.target.id),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/**
 * Newest first, one keyset page: rows older than `beforeId` (the last id of the previous page).
 * Ids come from one sequence in insert order, so they page stably while new rows arrive.
 */
export async function listAuditLog(
  db: Database,
  options: { limit: number; beforeId?: number | null },
): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(options.beforeId ? lt(auditLog.id, options.beforeId) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}
