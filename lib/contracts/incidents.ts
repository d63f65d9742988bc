import { z } from "zod";
import type { IssueLinkEvidence, RootVerdict } from "@/lib/analysis/types";
import type { SameShape } from "./same-shape";

export const rootVerdict = z.object({
  issueId: z.string(),
  confidence: z.number(),
  reasons: z.array(z.string()),
  pinned: z.boolean(),
});
true satisfies SameShape<z.infer<typeof rootVerdict>, RootVerdict>;

export const issueLinkEvidence = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("trace"),
    sharedTraces: z.number(),
    exampleTraceIds: z.array(z.string()),
    medianOffsetSeconds: z.number(),
  }),
  z.object({ kind: z.literal("users"), coOccurrences: z.number(), withinSeconds: z.number() }),
  z.object({ kind: z.literal("release"), release: z.string(), firstSeenGapSeconds: z.number() }),
  z.object({
    kind: z.literal("tenants"),
    sharedTenants: z.number(),
    jaccard: z.number(),
    firstSeenGapSeconds: z.number(),
  }),
  z.object({ kind: z.literal("manual"), by: z.string() }),
]);
true satisfies SameShape<z.infer<typeof issueLinkEvidence>, IssueLinkEvidence>;

export const incidentParams = z.object({
  incidentId: z.string().regex(/^\d{1,18}$/, "incident id is numeric"),
});

export const incidentListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  status: z.enum(["open", "resolved"]).optional(),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentListItem = z.object({
  id: z.string(),
  rootIssueId: z.string(),
  issueIds: z.array(z.string()),
  title: z.string(),
  /** open while any issue is unresolved; merged and dissolved incidents are only reachable by id. */
  status: z.enum(["open", "resolved", "merged", "dissolved"]),
  firstSeen: z.string(),
  lastSeen: z.string(),
  userCount: z.number(),
  tenantCount: z.number(),
  /** The most urgent tier among its issues (P0 first); null until its issues have a priority. */
  priority: z.string().nullable(),
  root: rootVerdict,
});
export type IncidentListItem = z.infer<typeof incidentListItem>;

export const incidentListResponse = z.object({
  items: z.array(incidentListItem),
  nextCursor: z.string().nullable(),
});
export type IncidentListResponse = z.infer<typeof incidentListResponse>;

export const incidentMember = z.object({
  id: z.string(),
  shortId: z.string().nullable(),
  projectId: z.string(),
  projectSlug: z.string().nullable(),
  title: z.string(),
  culprit: z.string().nullable(),
  level: z.string().nullable(),
  status: z.string(),
  platform: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  eventCount: z.number(),
  userCount: z.number(),
  tenantCount: z.number(),
  role: z.enum(["root", "symptom"]),
  /** Seconds from the root's first seen to this issue's (negative: before it). */
  offsetSeconds: z.number(),
  /** Every link that holds this issue in the incident, with its evidence. */
  links: z.array(
    z.object({
      issueId: z.string(),
      source: z.enum(["auto", "manual"]),
      evidence: z.array(issueLinkEvidence),
    }),
  ),
});
export type IncidentMember = z.infer<typeof incidentMember>;

export const incidentDetailResponse = z.object({
  incident: incidentListItem.extend({ mergedInto: z.string().nullable(), issueCount: z.number() }),
  /** Root first, then symptoms in the order they were first seen. */
  issues: z.array(incidentMember),
  blastRadius: z.object({
    events: z.number(),
    users: z.number(),
    tenants: z.number(),
    topTenants: z.array(z.object({ tenantId: z.string(), events: z.number(), users: z.number() })),
  }),
  /** Hourly buckets over the incident's last 72 hours of activity, oldest first. */
  timeline: z.array(
    z.object({ hour: z.string(), events: z.number(), users: z.number(), tenants: z.number() }),
  ),
  corrections: z.array(
    z.object({
      action: z.enum(["merge", "split", "set_root"]),
      issueIds: z.array(z.string()),
      otherIncidentId: z.string().nullable(),
      actor: z.string(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type IncidentDetailResponse = z.infer<typeof incidentDetailResponse>;

/** A triager's correction: merge another incident in, split issues out, or name the root. */
export const incidentCorrectionBody = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("merge"),
    incidentId: z.string().regex(/^\d{1,18}$/, "incident id is numeric"),
  }),
  z.strictObject({
    action: z.literal("split"),
    issueIds: z
      .array(z.string().regex(/^\d{1,20}$/, "issue id is numeric"))
      .min(1)
      .max(100),
  }),
  z.strictObject({
    action: z.literal("set_root"),
    issueId: z.string().regex(/^\d{1,20}$/, "issue id is numeric"),
  }),
]);
export type IncidentCorrectionBody = z.infer<typeof incidentCorrectionBody>;

/** The incident an issue is in, on the issue's API and page. */
export const issueIncident = z.object({
  id: z.string(),
  title: z.string(),
  rootIssueId: z.string(),
  issueCount: z.number(),
  role: z.enum(["root", "symptom"]),
});
export type IssueIncident = z.infer<typeof issueIncident>;
