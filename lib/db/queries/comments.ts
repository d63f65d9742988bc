import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { issueComments } from "../schema";

export type NewComment = typeof issueComments.$inferInsert;
export type CommentRow = typeof issueComments.$inferSelect;

/**
 * One comment.* delivery. A higher rank (created < updated < deleted) replaces a lower one and
 * never the reverse, so a late create cannot undo an edit or bring back a deleted comment. Two
 * edits carry the same Sentry timestamp (the comment's creation time), so between them the later
 * arrival wins: nothing else tells them apart.
 */
export async function upsertComment(db: Database, comment: NewComment): Promise<void> {
  await db
    .insert(issueComments)
    .values(comment)
    .onConflictDoUpdate({
      target: issueComments.commentId,
      set: {
        text: sql`excluded.text`,
        rank: sql`excluded.rank`,
        authorType: sql`coalesce(${issueComments.authorType}, excluded.author_type)`,
        authorId: sql`coalesce(${issueComments.authorId}, excluded.author_id)`,
        authorName: sql`coalesce(${issueComments.authorName}, excluded.author_name)`,
        own: sql`${issueComments.own} or excluded.own`,
        editedAt: sql`coalesce(excluded.edited_at, ${issueComments.editedAt})`,
        deletedAt: sql`coalesce(excluded.deleted_at, ${issueComments.deletedAt})`,
      },
      setWhere: sql`excluded.rank > ${issueComments.rank} or (excluded.rank = 1 and ${issueComments.rank} = 1)`,
    });
}

/** The issue's comments that are not deleted, oldest first. */
export async function listComments(db: Database, issueId: string, limit: number): Promise<CommentRow[]> {
  return db
    .select()
    .from(issueComments)
    .where(and(eq(issueComments.issueId, issueId), isNull(issueComments.deletedAt)))
    .orderBy(asc(issueComments.createdAt), asc(sql`${issueComments.commentId}::numeric`))
    .limit(limit);
}
