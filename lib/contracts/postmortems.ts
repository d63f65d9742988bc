import { z } from "zod";
import type { PostmortemWhy } from "@/lib/analysis/rank-similar-postmortems";
import type { SameShape } from "./same-shape";

// Post-mortems: admins upload and delete them; everyone reads them and sees them matched to issues.

export const postmortemParams = z.object({
  postmortemId: z
    .string()
    .regex(/^\d{1,15}$/, "post-mortem id is numeric")
    .transform(Number),
});

/** A markdown post-mortem. Without a title, its first heading is the title. */
export const postmortemUploadBody = z.strictObject({
  title: z.string().trim().max(200, "at most 200 characters").optional(),
  markdown: z
    .string()
    .max(500_000, "at most 500,000 characters")
    .refine((text) => text.trim().length > 0, "must not be empty"),
});
export type PostmortemUploadBody = z.infer<typeof postmortemUploadBody>;

export const postmortemItem = z.object({
  id: z.number(),
  title: z.string(),
  /** The day of the incident, YYYY-MM-DD, from its `Date:` line; null when it names none. */
  occurredOn: z.string().nullable(),
  /** The file it was imported from; null for an upload. */
  source: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PostmortemItem = z.infer<typeof postmortemItem>;

export const postmortemListResponse = z.object({ items: z.array(postmortemItem) });
export type PostmortemListResponse = z.infer<typeof postmortemListResponse>;

export const postmortemDetail = postmortemItem.extend({ markdown: z.string() });
export type PostmortemDetail = z.infer<typeof postmortemDetail>;

export const postmortemWhy = z.object({
  issues: z.array(z.string()),
  exceptions: z.array(z.string()),
  functions: z.array(z.string()),
  files: z.array(z.string()),
  services: z.array(z.string()),
  words: z.array(z.string()),
});
true satisfies SameShape<z.infer<typeof postmortemWhy>, PostmortemWhy>;

export const similarPostmortem = z.object({
  id: z.number(),
  title: z.string(),
  occurredOn: z.string().nullable(),
  createdAt: z.string(),
  /** Cosine of the two tf·idf term vectors, 0–1. */
  score: z.number(),
  /** What they share, by kind: the reason for the match. */
  why: postmortemWhy,
});
export type SimilarPostmortem = z.infer<typeof similarPostmortem>;
