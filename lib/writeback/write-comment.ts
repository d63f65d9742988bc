import { createHash } from "node:crypto";
import type { Database } from "@/lib/db/connect";
import {
  recordComment,
  recordCommentDeleted,
  recordCommentIntent,
  type WritebackRow,
} from "@/lib/db/queries/writebacks";
import type { SentryWrites } from "@/lib/sentry/api-writes";

export const hashText = (text: string) => createHash("sha256").update(text).digest("hex");

// The issue's notes, to find one a previous attempt posted; by the hash of its text.
async function findPosted(api: SentryWrites, issueId: string, hash: string): Promise<string | null> {
  const notes = await api.listComments(issueId);
  return notes.find((note) => hashText(note.data.text) === hash)?.id ?? null;
}

/**
 * Makes Sift's one comment on the issue say `text`: posted once, then edited in place. Never posts
 * twice: the text's hash is committed before the POST, so when an attempt dies between Sentry's 201
 * and the commit (crash, timeout, reset connection), the retry finds that comment among the
 * issue's notes and adopts it; Sentry's 400 for the same text within an hour is the same case.
 */
export async function writeComment(
  db: Database,
  issueId: string,
  state: WritebackRow,
  text: string,
  api: SentryWrites,
): Promise<void> {
  if (state.commentDeletedAt) return;
  const hash = hashText(text);
  let { commentId, commentHash } = state;
  if (!commentId && state.pendingHash) {
    commentId = await findPosted(api, issueId, state.pendingHash);
    commentHash = state.pendingHash;
    if (commentId) await recordComment(db, issueId, { id: commentId, hash: commentHash });
  }
  if (commentId) {
    if (commentHash === hash) return;
    if (await api.updateComment(issueId, commentId, text)) {
      await recordComment(db, issueId, { id: commentId, hash });
    } else {
      await recordCommentDeleted(db, issueId);
    }
    return;
  }
  await recordCommentIntent(db, issueId, hash);
  const created = await api.createComment(issueId, text);
  const id = "id" in created ? created.id : await findPosted(api, issueId, hash);
  if (!id) {
    throw new Error("Sentry says this comment was already posted, but it is not among the issue's notes");
  }
  await recordComment(db, issueId, { id, hash });
}
