import { z } from "zod";

// A Sentry team slug: letters, digits, dashes and underscores (Sentry's slug rule), with or without
// the leading # the pages show.
const teamSlug = z
  .string()
  .trim()
  .regex(/^#?[A-Za-z0-9][\w.-]{0,49}$/, "a Sentry team slug such as payments or #payments")
  .transform((slug) => slug.replace(/^#/, ""));

// Sentry's ignoreDuration is minutes; a year is far beyond any archive a triager means.
const MAX_ARCHIVE_MINUTES = 525_600;

/**
 * POST /api/issues/{id}/actions and /api/incidents/{id}/actions: what to do in Sentry. Archive
 * lasts until the issue escalates (Sentry's default), forever, or for a number of minutes.
 */
export const issueActionBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), team: teamSlug }).strict(),
  z.object({ action: z.literal("resolve") }).strict(),
  z
    .object({
      action: z.literal("archive"),
      until: z
        .union([
          z.enum(["escalating", "forever"]),
          z.object({ minutes: z.int().min(1).max(MAX_ARCHIVE_MINUTES) }).strict(),
        ])
        .default("escalating"),
    })
    .strict(),
  z.object({ action: z.literal("unresolve") }).strict(),
]);
export type IssueActionBody = z.output<typeof issueActionBody>;
/** What the pages send: the body before its defaults. */
export type IssueActionInput = z.input<typeof issueActionBody>;

export const issueActionKind = z.enum(["assign", "resolve", "archive", "unresolve"]);

export const issueActionItem = z.object({
  id: z.string(),
  issueId: z.string(),
  action: issueActionKind,
  /** assign: the team's slug. */
  team: z.string().nullable(),
  /** archive: "escalating", "forever" or "<n> minutes". */
  until: z.string().nullable(),
  status: z.enum(["pending", "succeeded", "failed", "superseded"]),
  /** Why it failed or was superseded, or the last error while it is retried. */
  note: z.string().nullable(),
  by: z.string(),
  at: z.string(),
  settledAt: z.string().nullable(),
});
export type IssueActionItem = z.infer<typeof issueActionItem>;

/**
 * Whether a triager's actions can reach Sentry for this issue (or incident), and the reason when
 * not, so the page says so before anyone clicks.
 */
export const actionAvailability = z.object({ enabled: z.boolean(), reason: z.string().nullable() });
export type ActionAvailability = z.infer<typeof actionAvailability>;

/** GET …/actions: availability and the newest actions (newest first). */
export const issueActionsResponse = z.object({
  availability: actionAvailability,
  actions: z.array(issueActionItem),
});
export type IssueActionsResponse = z.infer<typeof issueActionsResponse>;

/** POST …/actions: the actions recorded (one per issue), each pending until Sentry has it. */
export const issueActionsCreated = z.object({ actions: z.array(issueActionItem) });
export type IssueActionsCreated = z.infer<typeof issueActionsCreated>;
