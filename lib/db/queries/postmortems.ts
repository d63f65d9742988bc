import { desc, eq, sql } from "drizzle-orm";
import type { TermVector } from "@/lib/analysis/similarity/stack-terms";
import type { Database } from "../connect";
import { postmortems, postmortemTerms } from "../schema";
import { type AuditActor, recordAudit } from "./audit-log";

export type PostmortemRow = typeof postmortems.$inferSelect;
export type PostmortemListRow = Omit<PostmortemRow, "markdown">;

export type NewPostmortem = {
  title: string;
  markdown: string;
  contentHash: string;
  /** The file it was imported from (the import's key); null for an upload, which is always new. */
  source: string | null;
  occurredOn: string | null;
  terms: TermVector;
};

export type SaveOutcome = "created" | "updated" | "unchanged";

const listColumns = {
  id: postmortems.id,
  title: postmortems.title,
  contentHash: postmortems.contentHash,
  source: postmortems.source,
  occurredOn: postmortems.occurredOn,
  createdBy: postmortems.createdBy,
  createdAt: postmortems.createdAt,
  updatedAt: postmortems.updatedAt,
};

// What the audit log keeps of a post-mortem: enough to say which one, not its whole text.
const audited = (row: PostmortemRow) => ({
  title: row.title,
  source: row.source,
  occurredOn: row.occurredOn,
  contentHash: row.contentHash,
});

async function replaceTerms(tx: Database, postmortemId: number, terms: TermVector) {
  await tx.delete(postmortemTerms).where(eq(postmortemTerms.postmortemId, postmortemId));
  if (terms.size === 0) return;
  await tx.insert(postmortemTerms).values([...terms].map(([term, tf]) => ({ postmortemId, term, tf })));
}

/**
 * Stores a post-mortem with its terms in one transaction. With a `source`, a second save of the
 * same content changes nothing ("unchanged") and changed content replaces the stored one
 * ("updated"), so an import can be rerun. With an `actor`, the write is audited in the same
 * transaction.
 */
export async function savePostmortem(
  db: Database,
  input: NewPostmortem,
  actor: AuditActor | null,
): Promise<{ outcome: SaveOutcome; postmortem: PostmortemRow }> {
  return db.transaction(async (tx) => {
    const [existing] = input.source
      ? await tx.select().from(postmortems).where(eq(postmortems.source, input.source)).for("update")
      : [];
    if (existing && existing.contentHash === input.contentHash)
      return { outcome: "unchanged", postmortem: existing };
    const values = {
      title: input.title,
      markdown: input.markdown,
      contentHash: input.contentHash,
      source: input.source,
      occurredOn: input.occurredOn,
    };
    const [row] = existing
      ? await tx
          .update(postmortems)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(postmortems.id, existing.id))
          .returning()
      : await tx
          .insert(postmortems)
          .values({ ...values, createdBy: actor?.name ?? actor?.sub ?? null })
          .returning();
    if (!row) throw new Error("post-mortem write returned no row");
    await replaceTerms(tx, row.id, input.terms);
    if (actor) {
      await recordAudit(tx, {
        actor,
        action: existing ? "postmortem.update" : "postmortem.create",
        target: { type: "postmortem", id: row.id },
        before: existing ? audited(existing) : null,
        after: audited(row),
      });
    }
    return { outcome: existing ? "updated" : "created", postmortem: row };
  });
}

/** Every post-mortem without its text, newest incident first (undated last), then newest stored. */
export async function listPostmortems(db: Database): Promise<PostmortemListRow[]> {
  return db
    .select(listColumns)
    .from(postmortems)
    .orderBy(sql`${postmortems.occurredOn} desc nulls last`, desc(postmortems.id));
}

export async function getPostmortem(db: Database, id: number): Promise<PostmortemRow | null> {
  const [row] = await db.select().from(postmortems).where(eq(postmortems.id, id));
  return row ?? null;
}

/** Deletes a post-mortem and its terms, audited; null when there was none. */
export async function deletePostmortem(
  db: Database,
  id: number,
  actor: AuditActor,
): Promise<PostmortemRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(postmortems).where(eq(postmortems.id, id)).returning();
    if (!row) return null;
    await recordAudit(tx, {
      actor,
      action: "postmortem.delete",
      target: { type: "postmortem", id },
      before: audited(row),
      after: null,
    });
    return row;
  });
}
