import { z } from "zod";
import { tenantTiers } from "@/lib/analysis/types";

// The tenant, team and release pages' own answers; their issue lists are GET /api/issues with the
// tenant, owner, firstRelease or regressedIn filter (one list query, one keyset pagination).

// A name from the URL: any text a Sentry tag or release can hold, except what PostgreSQL text cannot.
const pathName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((v) => !v.includes("\u0000"), "must not contain NUL characters");

export const tenantParams = z.object({ tenant: pathName });

const window = z.object({ events: z.number(), users: z.number() });

export const tenantResponse = z.object({
  tenantId: z.string(),
  /** From SIFT_TENANT_TIERS; null when the tenant has none configured. */
  tier: z.enum(tenantTiers).nullable(),
  issueCount: z.number(),
  openIssueCount: z.number(),
  lastSeen: z.string().nullable(),
  /** This tenant's events and distinct users over the last 24 hours and 7 days. */
  last24h: window,
  last7d: window,
  /** Roles its users had on the events, most users first. */
  roles: z.array(z.object({ role: z.string(), users: z.number() })),
  /** Incidents holding one of its issues, most recently active first (at most 20). */
  incidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      lastSeen: z.string(),
      issueCount: z.number(),
      tenantIssues: z.number(),
    }),
  ),
});
export type TenantResponse = z.infer<typeof tenantResponse>;

/** A team as the URL names it: "payments" for #payments, or an owner's email. */
export const teamParams = z.object({ team: pathName });

export const teamResponse = z.object({
  /** The owner as analyses write it ("#payments" or an email): the list's `owner` filter. */
  owner: z.string(),
  /** Named by the ownership rules (SIFT_OWNERSHIP_RULES). */
  inRules: z.boolean(),
  counts: z.object({ open: z.number(), resolved: z.number(), ignored: z.number(), total: z.number() }),
});
export type TeamResponse = z.infer<typeof teamResponse>;

export const releaseParams = z.object({ release: pathName });

export const releaseResponse = z.object({
  release: z.string(),
  /** When Sift first saw the release in each project; empty until the grouping job saw it. */
  projects: z.array(z.object({ projectId: z.string(), firstSeen: z.string() })),
  issueCount: z.number(),
  newCount: z.number(),
  regressedCount: z.number(),
});
export type ReleaseResponse = z.infer<typeof releaseResponse>;
