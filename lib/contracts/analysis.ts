import { z } from "zod";
import {
  type BlastRadius,
  type CategoryVerdict,
  ERROR_CATEGORIES,
  type Frame,
  type OwnerVerdict,
  type Priority,
  type SimilarIssueWhy,
  type SummaryFacts,
  type Suspects,
} from "@/lib/analysis/types";
import { priorityTiers } from "./issue-list-values";
import type { SameShape } from "./same-shape";

// The analysis outputs as the API sends them. Their types are defined once, in lib/analysis; these
// schemas describe the same shapes for clients and are checked against them at compile time.

export const frame = z.object({
  filename: z.string().nullable(),
  function: z.string().nullable(),
  module: z.string().nullable(),
  lineNo: z.number().nullable(),
  inApp: z.boolean(),
});
true satisfies SameShape<z.infer<typeof frame>, Frame>;

export const ownerVerdict = z.object({
  owner: z.string(),
  source: z.enum(["ownership_rule", "learned", "correction", "fallback"]),
  rule: z.string().nullable(),
  /** Recent events the owner's rules matched, of those weighed; absent before analyser version 4. */
  share: z.object({ matched: z.number(), of: z.number() }).nullable().optional(),
  /** Past issues (ids) whose settled owner backs a learned owner or broke a tie between rules. */
  backedBy: z.array(z.string()).optional(),
  correctedBy: z.string().nullable().optional(),
  /** A tag or url rule that matched under half of the events; absent before analyser version 5. */
  minority: z
    .object({ rule: z.string(), share: z.object({ matched: z.number(), of: z.number() }) })
    .optional(),
});
true satisfies SameShape<z.infer<typeof ownerVerdict>, OwnerVerdict>;

export const blastRadius = z.object({
  events: z.number(),
  users: z.number(),
  tenants: z.number(),
  topTenants: z.array(z.object({ tenantId: z.string(), events: z.number(), users: z.number() })),
  roles: z.array(z.object({ role: z.string(), users: z.number() })),
});
true satisfies SameShape<z.infer<typeof blastRadius>, BlastRadius>;

export const suspects = z.object({
  release: z.string().nullable(),
  commits: z.array(
    z.object({
      sha: z.string(),
      repo: z.string(),
      message: z.string(),
      author: z.string().nullable(),
      committedAt: z.string(),
      why: z.array(z.string()),
      score: z.number(),
    }),
  ),
});
true satisfies SameShape<z.infer<typeof suspects>, Suspects>;
export const errorCategory = z.enum(ERROR_CATEGORIES);
export type ErrorCategory = z.infer<typeof errorCategory>;

export const categoryVerdict = z.object({
  category: errorCategory,
  reason: z.string(),
  evidence: z.array(z.string()).optional(),
  correctedBy: z.string().optional(),
});
true satisfies SameShape<z.infer<typeof categoryVerdict>, CategoryVerdict>;
export const priorityTier = z.enum(priorityTiers);

export const priority = z.object({
  tier: priorityTier,
  score: z.number(),
  trend: z.object({
    trend: z.enum(["new", "rising", "steady", "falling"]),
    recentPerHour: z.number(),
    baselinePerHour: z.number().nullable(),
  }),
  activeTenantShare: z.number().nullable(),
  reasons: z.array(
    z.object({
      factor: z.enum([
        "users",
        "tenants",
        "tiers",
        "trend",
        "level",
        "handled",
        "environment",
        "category",
        "cap",
      ]),
      text: z.string(),
      points: z.number(),
    }),
  ),
  correctedBy: z.string().optional(),
});
true satisfies SameShape<z.infer<typeof priority>, Priority>;

export const summaryFacts = z.object({
  confidence: z.number(),
  claims: z.array(
    z.object({
      kind: z.enum(["category", "incident", "root", "owner"]),
      claim: z.string(),
      basis: z.string(),
      confidence: z.number(),
      factor: z.string().optional(),
    }),
  ),
  nextStep: z.string(),
  deterministic: z.string(),
  rephrasedBy: z.string().nullable(),
});
true satisfies SameShape<z.infer<typeof summaryFacts>, SummaryFacts>;
export const similarIssueWhy = z.object({
  sharedFrames: z.array(z.string()),
  exception: z.boolean(),
  messageWords: z.array(z.string()),
});
true satisfies SameShape<z.infer<typeof similarIssueWhy>, SimilarIssueWhy>;
