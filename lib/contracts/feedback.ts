import { z } from "zod";
import { normaliseOwner } from "@/lib/analysis/ownership-rules";
import { ERROR_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_VERDICTS, type FeedbackKind } from "@/lib/analysis/types";

export const feedbackKind = z.enum(FEEDBACK_KINDS);
export type { FeedbackKind };

const issueId = /^\d{1,20}$/;

// What a correction's value must be for each kind; the owner is also written as rules write it.
const valueRules: Record<FeedbackKind, { check: (value: string) => string | null; expect: string }> = {
  owner: { check: normaliseOwner, expect: "a #team or an email" },
  category: {
    check: (v) => ((ERROR_CATEGORIES as readonly string[]).includes(v) ? v : null),
    expect: `one of ${ERROR_CATEGORIES.join(", ")}`,
  },
  priority: { check: (v) => (/^P[0-3]$/.test(v) ? v : null), expect: "P0, P1, P2 or P3" },
  duplicate_of: { check: (v) => (issueId.test(v) ? v : null), expect: "a numeric issue id" },
  incident_root: { check: (v) => (issueId.test(v) ? v : null), expect: "a numeric issue id" },
};

/** POST /api/issues/{id}/feedback: confirm Sift's verdict, or correct it with the right value. */
export const feedbackBody = z
  .object({
    kind: feedbackKind,
    verdict: z.enum(FEEDBACK_VERDICTS),
    value: z.string().trim().min(1).max(200).optional(),
  })
  .transform((body, ctx) => {
    if (body.verdict === "confirm") return { kind: body.kind, verdict: body.verdict, value: null };
    const rule = valueRules[body.kind];
    const value = body.value === undefined ? null : rule.check(body.value);
    if (value === null) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `a correction of ${body.kind} needs a value: ${rule.expect}`,
      });
      return z.NEVER;
    }
    return { kind: body.kind, verdict: body.verdict, value };
  });
export type FeedbackBody = z.output<typeof feedbackBody>;

export const feedbackItem = z.object({
  kind: feedbackKind,
  verdict: z.enum(FEEDBACK_VERDICTS),
  /** The right value a correction gave; null for a confirmation. */
  value: z.string().nullable(),
  /** What Sift said when the feedback was given. */
  siftSaid: z.string().nullable(),
  /** The triager's name, else their subject. */
  by: z.string(),
  at: z.string(),
});
export type FeedbackItem = z.infer<typeof feedbackItem>;

export const feedbackResponse = z.object({ feedback: feedbackItem });
export type FeedbackResponse = z.infer<typeof feedbackResponse>;

const counts = { confirmed: z.number(), corrected: z.number(), accuracy: z.number().nullable() };

export const modelAccuracy = z.object({
  kind: feedbackKind,
  ...counts,
  /** ISO weeks (Monday, UTC) that had feedback, oldest first. */
  weeks: z.array(z.object({ week: z.string(), ...counts })),
});
export type ModelAccuracy = z.infer<typeof modelAccuracy>;

/** The offline evaluation (`npm run eval`) as it last recorded itself; null when never recorded. */
export const offlineEvaluation = z.object({
  recordedAt: z.string(),
  data: z.string(),
  T1: z.object({
    "RR@1": z.number(),
    "RR@5": z.number(),
    "RR@10": z.number(),
    MRR: z.number(),
    queries: z.number(),
  }),
  T2: z.object({ AUC: z.number() }),
  T3: z.object({ "acc@1": z.number(), "acc@3": z.number(), "acc@5": z.number() }),
});
export type OfflineEvaluation = z.infer<typeof offlineEvaluation>;

export const modelsResponse = z.object({
  since: z.string(),
  models: z.array(modelAccuracy),
  evaluation: offlineEvaluation.nullable(),
});
export type ModelsResponse = z.infer<typeof modelsResponse>;

export const modelsQuery = z.object({
  /** How many weeks back feedback is counted. */
  weeks: z.coerce.number().int().min(1).max(104).default(12),
});

export const ownersResponse = z.object({ owners: z.array(z.string()) });
export type OwnersResponse = z.infer<typeof ownersResponse>;
