import { z } from "zod";
import { upsertComment } from "@/lib/db/queries/comments";
import { isoDate, nullableString, numericId, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { defineWebhookResource, idAt, textDigest } from "./webhook-resource";

const ranks = { created: 0, updated: 1, deleted: 2 } as const;

// comment.created/updated/deleted: a comment on an issue, kept per issue and shown on its page.
// The actor is the author (only authors edit or delete their comments); Sift's own comments
// (actor = SENTRY_APP_ID) are marked. Sentry's `timestamp` is the comment's creation time, also
// on edits, so two edits are told apart by their text.
export const commentResource = defineWebhookResource({
  schema: z
    .looseObject({
      ...webhookEnvelope,
      action: z.enum(["created", "updated", "deleted"]),
      data: z.looseObject({
        comment_id: numericId,
        issue_id: numericId,
        project_slug: nullableString,
        timestamp: isoDate,
        comment: z.string().nullish(),
      }),
    })
    .refine((p) => p.action === "deleted" || typeof p.data.comment === "string", {
      message: "a created or updated comment carries its text",
      path: ["data", "comment"],
    }),
  dedupeIds: ({ action, data }) => [
    idAt(data, "comment_id"),
    idAt(data, "timestamp"),
    ...(action === "updated" ? [textDigest(data.comment ?? "")] : []),
  ],
  async store(tx, payload, options) {
    const { action, data, actor } = payload;
    await upsertComment(tx, {
      commentId: data.comment_id,
      issueId: data.issue_id,
      projectSlug: data.project_slug ?? null,
      text: action === "deleted" ? null : (data.comment ?? ""),
      authorType: actor?.type ?? null,
      authorId: actor?.id ?? null,
      authorName: actor?.name ?? null,
      own: options.ownWrite,
      rank: ranks[action],
      createdAt: new Date(data.timestamp),
      editedAt: action === "updated" ? options.receivedAt : null,
      deletedAt: action === "deleted" ? options.receivedAt : null,
    });
    return { issueId: data.issue_id };
  },
});
