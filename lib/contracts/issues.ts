import { z } from "zod";
import {
  blastRadius,
  categoryVerdict,
  errorCategory,
  frame,
  ownerVerdict,
  priority,
  priorityTier,
  similarIssueWhy,
  summaryFacts,
  suspects,
} from "./analysis";
import { feedbackItem } from "./feedback";
import { issueIncident } from "./incidents";
import {
  filterTextMaxLength,
  hasNul,
  incidentIdPattern,
  issueLevels,
  issuePeriods,
  issueSorts,
  issueStatuses,
} from "./issue-list-values";
import { similarPostmortem } from "./postmortems";
import { seerRun } from "./seer";

// A NUL in a filter would fail the query, so it is a 400 here.
const filterText = z
  .string()
  .trim()
  .max(filterTextMaxLength)
  .refine((v) => !hasNul(v), "must not contain NUL characters");

export const issueListQuery = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** Short id, title and culprit (substring), or words of any stored event's message. */
    q: filterText.optional(),
    /** A project's slug or id. */
    project: filterText.optional(),
    /** Issues with a stored event in this environment / release. */
    environment: filterText.optional(),
    release: filterText.optional(),
    /** Issues whose first stored event carried this release (new in it). */
    firstRelease: filterText.optional(),
    /** Issues with an event in this release, first seen earlier, now regressed (Sentry's substatus). */
    regressedIn: filterText.optional(),
    level: z.enum(issueLevels).optional(),
    status: z.enum(issueStatuses).optional(),
    /** The owner the newest analysis named, e.g. "#payments". */
    owner: filterText.optional(),
    /** The category of the issue's newest analysis. */
    category: errorCategory.optional(),
    /** Only issues whose newest analysis gave this tier. */
    priority: priorityTier.optional(),
    /** Issues that hit this tenant / user id. */
    tenant: filterText.optional(),
    user: filterText.optional(),
    /** Issues in this incident now. */
    incident: z.string().regex(incidentIdPattern, "incident id is numeric").optional(),
    /** Last seen within this long of now. */
    period: z.enum(issuePeriods).optional(),
    /** A custom range of last seen (ISO 8601 with offset): start included, end excluded. */
    start: z.iso.datetime({ offset: true }).optional(),
    end: z.iso.datetime({ offset: true }).optional(),
    /** lastSeen: newest first; users / tenants / events: most affected first; priority: P0 first, then by score. */
    sort: z.enum(issueSorts).default("lastSeen"),
  })
  .refine((q) => !(q.period && (q.start || q.end)), {
    message: "use period or start/end, not both",
    path: ["period"],
  })
  .refine((q) => !(q.start && q.end && Date.parse(q.start) >= Date.parse(q.end)), {
    message: "start must be before end",
    path: ["start"],
  });
export type IssueListQuery = z.infer<typeof issueListQuery>;

export const issueParams = z.object({ issueId: z.string().regex(/^\d{1,20}$/, "issue id is numeric") });

const project = z.object({ id: z.string(), slug: z.string().nullable(), name: z.string().nullable() });

/** An issue's own fields, as the list and the issue page both show them. */
export const issueFields = z.object({
  id: z.string(),
  shortId: z.string().nullable(),
  title: z.string(),
  culprit: z.string().nullable(),
  project,
  level: z.string().nullable(),
  status: z.string(),
  /** Sentry's substatus (new, ongoing, escalating, regressed, archived_…); null until an issue.* webhook or the poll. */
  substatus: z.string().nullable(),
  platform: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  eventCount: z.number(),
  userCount: z.number(),
  tenantCount: z.number(),
  /** Sentry's totals when an issue.* webhook or the API gave them; Sift's counts cover only the events it stored. */
  sentryEventCount: z.number().nullable(),
  sentryUserCount: z.number().nullable(),
  owner: z.string().nullable(),
  summary: z.string().nullable(),
  /** Null until an analysis of version 2 or later has run. */
  category: errorCategory.nullable(),
  analysedAt: z.string().nullable(),
  /** The newest analysis's tier; null until analysed. */
  priority: priorityTier.nullable(),
  /** The open issue this open one is very probably a duplicate of; null when none. */
  likelyDuplicateOfId: z.string().nullable(),
  /** The release of the first event Sift stored; null when it carried none. */
  firstRelease: z.string().nullable(),
});

export type IssueFields = z.infer<typeof issueFields>;

export const issueListItem = issueFields.extend({
  /** Events per hour over the last 24 hours (the current hour last), for the row's sparkline. */
  lastDay: z.array(z.number()),
});
export type IssueListItem = z.infer<typeof issueListItem>;

export const issueListResponse = z.object({
  items: z.array(issueListItem),
  nextCursor: z.string().nullable(),
});
export type IssueListResponse = z.infer<typeof issueListResponse>;

export const analysis = z.object({
  version: z.number(),
  analyserVersion: z.string(),
  summary: z.string(),
  owner: ownerVerdict,
  blastRadius,
  inAppFrames: z.array(frame),
  /** Null for analyses made before suspects were computed. */
  suspects: suspects.nullable(),
  /** Null on analyses made before categories existed. */
  category: categoryVerdict.nullable(),
  /** Null for analyses made before priorities existed. */
  priority: priority.nullable(),
  /** What the summary claims, the confidence that all of it is right, and whether a model rephrased it; null before analyser version 3. */
  summaryFacts: summaryFacts.nullable(),
  createdAt: z.string(),
});
export type Analysis = z.infer<typeof analysis>;

export const eventSummary = z.object({
  id: z.string(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  tenantId: z.string().nullable(),
  roles: z.array(z.string()),
  release: z.string().nullable(),
  environment: z.string().nullable(),
  traceId: z.string().nullable(),
  url: z.string().nullable(),
  exceptionType: z.string().nullable(),
  exceptionValue: z.string().nullable(),
  message: z.string().nullable(),
});
export type EventSummary = z.infer<typeof eventSummary>;

export const analysisJob = z.object({
  status: z.enum(["queued", "running", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  runAfter: z.string(),
});
export type AnalysisJob = z.infer<typeof analysisJob>;

const actorRef = z.object({ type: z.string(), id: z.string(), name: z.string().nullable() });

export const issueComment = z.object({
  id: z.string(),
  text: z.string(),
  author: actorRef.nullable(),
  /** Written through Sift's own integration. */
  own: z.boolean(),
  createdAt: z.string(),
  /** When Sift received the latest edit (Sentry sends no edit time); null when never edited. */
  editedAt: z.string().nullable(),
});
export type IssueComment = z.infer<typeof issueComment>;

export const metricAlert = z.object({
  id: z.string(),
  title: z.string(),
  /** open, warning or critical (the most severe level reached), or resolved. */
  status: z.string(),
  ruleName: z.string().nullable(),
  projects: z.array(z.string()),
  webUrl: z.string().nullable(),
  description: z.string().nullable(),
  dateStarted: z.string().nullable(),
  dateClosed: z.string().nullable(),
});
export type MetricAlert = z.infer<typeof metricAlert>;

export const alertRuleFired = z.object({
  ruleName: z.string(),
  triggers: z.number(),
  lastTriggeredAt: z.string(),
  lastEventId: z.string(),
});
export type AlertRuleFired = z.infer<typeof alertRuleFired>;

export const hourBucket = z.object({
  hour: z.string(),
  events: z.number(),
  users: z.number(),
  tenants: z.number(),
});
export type HourBucket = z.infer<typeof hourBucket>;

export const similarIssue = z.object({
  issueId: z.string(),
  title: z.string(),
  projectId: z.string(),
  /** The project's slug, when Sentry has sent it: matches come from any project. */
  projectSlug: z.string().nullable(),
  status: z.string(),
  /** Cosine of the two stacks' weighted terms (plus frame alignment when enabled): 1 is the same stack. */
  score: z.number(),
  why: similarIssueWhy,
  resolution: z.object({
    status: z.string(),
    /** When Sift learnt it was resolved (from Sentry's issue.resolved or the poll). */
    resolvedAt: z.string().optional(),
    /** The team's newest comment on it in Sentry. */
    note: z.string().optional(),
    /** The release Sentry says it was resolved in. */
    release: z.string().optional(),
    /** The newest post-mortem that names it. */
    postmortem: z.object({ id: z.number(), title: z.string() }).optional(),
  }),
});
export type SimilarIssue = z.infer<typeof similarIssue>;

export const issueDetailResponse = z.object({
  issue: issueFields.extend({
    permalink: z.string().nullable(),
    /** Sentry's assignee (no email); null when unassigned or not known yet. */
    assignee: actorRef.nullable(),
  }),
  analysis: analysis.nullable(),
  /** Set while an analysis is pending or after one failed; null when `analysis` is current. */
  analysisJob: analysisJob.nullable(),
  events: z.array(eventSummary),
  /** Oldest first; deleted comments are left out. */
  comments: z.array(issueComment),
  /** Seer's runs on this issue, most recently updated first. */
  seerRuns: z.array(seerRun),
  /** Metric alert incidents naming the issue's project, newest first. */
  metricAlerts: z.array(metricAlert),
  /** Issue alert rules that fired on this issue's events, most recent first. */
  alertRules: z.array(alertRuleFired),
  /** The incident the issue is in now (one fire across projects, its root named); null: alone. */
  incident: issueIncident.nullable(),
  /**
   * Events, distinct users and distinct tenants per hour (`hour`: its start, UTC), oldest first:
   * every hour of the last 72, or since the hour first seen when that is later; quiet hours are 0.
   */
  timeline: z.array(hourBucket),
  /** Of the tenants active in the last SIFT_ACTIVE_TENANT_DAYS, the share this issue hit (newest analysis); null when unknown. */
  activeTenantShare: z.number().nullable(),
  /** Issues in any project whose stacks look like this one's, best first (at most 10). */
  similar: z.array(similarIssue),
  /** When the issue was last indexed for similar issues; null until then ("not yet analysed"). */
  similarIndexedAt: z.string().nullable(),
  /** Post-mortems about failures like this one (shared exception, functions, files, service), best first (at most 5). */
  similarPostmortems: z.array(similarPostmortem),
  /** The open issue this open one is very probably a duplicate of, with its score; null when none. */
  likelyDuplicateOf: z.object({ issueId: z.string(), title: z.string(), score: z.number() }).nullable(),
  /** The past issues backing the owner (analysis.owner.backedBy: learned, or a tie broken), with what names them. */
  ownerBacking: z.array(z.object({ issueId: z.string(), shortId: z.string().nullable(), title: z.string() })),
  /** Triagers' newest confirmation or correction of each verdict (owner, category, …), one per kind. */
  feedback: z.array(feedbackItem),
});
export type IssueDetailResponse = z.infer<typeof issueDetailResponse>;
