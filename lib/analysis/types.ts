import type { LearnedOwner } from "./learned-owner";

// Plain data shapes shared by the analysis modules. Raw* mirror what the Sentry mapping hands us
// (camelCase, otherwise untouched); the rest are what analysis produces.

export type RawFrame = {
  filename?: string | null;
  absPath?: string | null;
  function?: string | null;
  module?: string | null;
  lineNo?: number | null;
  colNo?: number | null;
  inApp?: boolean | null;
  platform?: string | null;
  package?: string | null;
};

/** `frames` are oldest-first, as Sentry sends them. */
export type RawException = {
  type?: string | null;
  value?: string | null;
  module?: string | null;
  frames: RawFrame[];
};

export type RawEvent = {
  platform: string | null;
  message: string | null;
  /**
   * Sentry order: oldest, innermost cause first; the LAST value is the outermost/primary exception.
   * The mapping has already given a frameless exception its thread's stack.
   */
  exceptions: RawException[];
  tags: Record<string, string>;
  /** As the SDK sent it: id, email, username, ip_address, data{…}, plus extra keys like tenant_id, roles. */
  user: Record<string, unknown> | null;
  requestUrl: string | null;
};

export type Frame = {
  filename: string | null;
  function: string | null;
  module: string | null;
  lineNo: number | null;
  inApp: boolean;
};

/** One exception of a chain with its own frames (oldest call first). */
export type NormalisedException = { type: string | null; value: string | null; frames: Frame[] };

export type NormalisedStack = {
  /** Every exception's frames, cause first and primary last (see `exceptions`). */
  frames: Frame[];
  inAppFrames: Frame[];
  /** The chain, cause first; the last is the primary exception. */
  exceptions: NormalisedException[];
  exceptionType: string | null;
  exceptionValue: string | null;
  messageTemplate: string | null;
};

export type Identity = { userId: string | null; tenantId: string | null; roles: string[] };

export type OwnershipRule = {
  kind: "path" | "module" | "url" | "tag" | "codeowners";
  /** Set only when kind is "tag". */
  tag?: string;
  pattern: string;
  owners: string[];
  /** The original line, shown to users as the reason for a verdict. */
  text: string;
};

/**
 * Who owns an issue and why. ownership_rule: `rule` matched `share` of the recent events (the
 * largest share; `backedBy` non-empty when past issues broke a tie between rules); learned: no rule
 * matched and past issues with a settled owner (`backedBy`, their ids) name it; correction: a
 * triager set it (`correctedBy`); fallback: none of these. `share` and `backedBy` are absent on
 * analyses made before analyser version 4.
 */
export type OwnerVerdict = {
  owner: string;
  source: "ownership_rule" | "learned" | "correction" | "fallback";
  rule: string | null;
  share?: { matched: number; of: number } | null;
  backedBy?: string[];
  correctedBy?: string | null;
  /**
   * A rule over event data that matched fewer than half of the events, so it did not name the
   * owner (the learned model or the fallback did); shown so the engineer sees why not.
   */
  minority?: { rule: string; share: { matched: number; of: number } };
};

export type BlastRadius = {
  events: number;
  users: number;
  tenants: number;
  topTenants: { tenantId: string; events: number; users: number }[];
  roles: { role: string; users: number }[];
};

/** What kind of failure an error is; "other" when no rule recognised it. */
export const ERROR_CATEGORIES = [
  "null_access",
  "type_error",
  "network",
  "upstream_5xx",
  "auth",
  "validation",
  "database",
  "asset_load",
  "resource_exhaustion",
  "rate_limit",
  "configuration",
  "third_party_script",
  "other",
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** A category with the evidence for it: `reason` is one human line, `evidence` its parts. */
/** `correctedBy`: a triager set the category (the reason then says so); absent: Sift's own. */
export type CategoryVerdict = {
  category: ErrorCategory;
  reason: string;
  evidence?: string[];
  correctedBy?: string;
};

export type AnalysisEvent = {
  userId: string | null;
  tenantId: string | null;
  roles: string[];
  tags: Record<string, string>;
  url: string | null;
  frames: Frame[];
  /** The primary exception's type and value, and the event message; absent is unknown. */
  exceptionType?: string | null;
  exceptionValue?: string | null;
  message?: string | null;
  /** The SDK's exception mechanism: false when the error escaped to a global handler; null unknown. */
  handled?: boolean | null;
  environment?: string | null;
};

/** Tenant tiers from configuration; each weighs differently in the priority. */
export const tenantTiers = ["enterprise", "pro", "free"] as const;
export type TenantTier = (typeof tenantTiers)[number];

/** One hour of events: `hour` is its start (UTC). */
export type HourlyEvents = { hour: Date; events: number };

export type Trend = "new" | "rising" | "steady" | "falling";

/**
 * The issue's recent rate against its own baseline. `recentPerHour` covers the last few hours,
 * `baselinePerHour` the hours before them back to first seen or the timeline's start (null: new,
 * no baseline of its own yet).
 */
export type TrendVerdict = { trend: Trend; recentPerHour: number; baselinePerHour: number | null };

export type PriorityTier = "P0" | "P1" | "P2" | "P3";

export type PriorityFactor =
  | "users"
  | "tenants"
  | "tiers"
  | "trend"
  | "level"
  | "handled"
  | "environment"
  | "category"
  | "cap";

/** One reason behind a priority: a short sentence with its number, and the points it added. */
export type PriorityReason = { factor: PriorityFactor; text: string; points: number };

export type Priority = {
  tier: PriorityTier;
  /** The sum of the reasons' points before any cap; higher is more urgent. */
  score: number;
  trend: TrendVerdict;
  /** Active tenants the issue hit over all tenants active in the window; null when none is known. */
  activeTenantShare: number | null;
  /** Largest effect first. */
  reasons: PriorityReason[];
  /** A triager set the tier (score and reasons are still Sift's); absent: the score's own tier. */
  correctedBy?: string;
};

export type AnalysisInput = {
  issue: { title: string; culprit: string | null; level: string | null; platform: string | null };
  /** Newest first. */
  events: AnalysisEvent[];
  /**
   * Every distinct identity the issue hit with its event count, for an issue's whole history
   * rather than the recent `events`; the blast radius counts these when given.
   */
  identities?: (Identity & { events: number })[];
  rules: OwnershipRule[];
  fallbackOwner: string;
  /**
   * Owners the team settled on past issues, consulted where no rule matched or to break a tie
   * between rules; `issueId` keeps the issue from backing itself, `firstSeen` (epoch ms) dates the
   * query. Absent: never consulted.
   */
  learnedOwner?: { model: LearnedOwner; issueId: string; firstSeen: number } | null;
  /** A triager's correction of this issue's owner: it overrides the rules and the model. */
  ownerCorrection?: { owner: string; by: string } | null;
  /** A triager's correction of the category, and of the priority tier: each overrides Sift's. */
  categoryCorrection?: { category: ErrorCategory; by: string } | null;
  priorityCorrection?: { tier: PriorityTier; by: string } | null;
  /** What the priority weighs beyond the events; absent: no priority is computed. */
  impact?: ImpactInput;
  /** The suspect release and commits (found from the same newest event's in-app frames); absent: none known. */
  suspects?: Suspects | null;
  /**
   * The incident the issue is in as the latest grouping left it; null: it stands alone; absent: not
   * looked up (the summary then makes no incident claim). Grouping runs after each analysis, so this
   * may lag one grouping behind the events analysed.
   */
  incident?: IncidentFacts | null;
};

/** The issue's incident as the summary reads it: plain data loaded by the analysis job. */
export type IncidentFacts = {
  id: number;
  issueCount: number;
  /** Whether this issue is the incident's named root or one of its symptoms. */
  role: "root" | "symptom";
  rootIssueId: string;
  /** The root as people name it: its short id (PAY-12), else its id. */
  rootLabel: string;
  rootTitle: string | null;
  /** RootVerdict.confidence of the grouping that named the root (1 when a triager pinned it). */
  rootConfidence: number;
};

/** What a summary claim is about; each is checkable against the truth of a cascade. */
export type SummaryClaimKind = "category" | "incident" | "root" | "owner";

/**
 * One checkable claim the summary makes, with the probability that it is right and what that
 * probability rests on (see summary-confidence.ts).
 */
export type SummaryClaim = {
  kind: SummaryClaimKind;
  claim: string;
  basis: string;
  confidence: number;
  /**
   * The evidence feature the confidence was read from (`category.type`, `incident.aloneFresh`,
   * `root`, `owner.rule`, …), so an evaluation can refit it; absent on summaries stored before.
   */
  factor?: string;
};

/** The evidence behind the summary, stored with it. */
export type SummaryFacts = {
  /** Probability that every claim is right (the product of theirs), 0–1. */
  confidence: number;
  claims: SummaryClaim[];
  nextStep: string;
  /** The deterministic summary; `summary` holds it unless a model rephrased it. */
  deterministic: string;
  /** The model that rephrased `summary`; null when it is the deterministic text. */
  rephrasedBy: string | null;
};

/** The issue's reach and history, loaded from rollups, for its priority. */
export type ImpactInput = {
  now: Date;
  firstSeen: Date;
  /** The issue's events per hour over the last few days (missing hours are zero). */
  hourly: HourlyEvents[];
  /** Tenants seen by Sift in the active window, and how many of them this issue hit. */
  activeTenants: number;
  activeTenantsHit: number;
  /** Configured tenants this issue hit, with their tiers. */
  tieredTenantsHit: { tenantId: string; tier: TenantTier }[];
};

export type AnalysisResult = {
  analyserVersion: string;
  summary: string;
  owner: OwnerVerdict;
  blastRadius: BlastRadius;
  inAppFrames: Frame[];
  category: CategoryVerdict;
  /** Null when the input carried no impact (tests of the other outputs). */
  priority: Priority | null;
  summaryFacts: SummaryFacts;
};

// Seer, Sentry's own AI analysis of an issue, as Sift keeps it from seer.* webhooks: the parts
// on-call reads (no diffs; the raw delivery keeps those).

export type SeerStep = {
  title: string | null;
  analysis: string | null;
  /** "repo: path" of the code the step points at, when Seer names one. */
  file: string | null;
  important: boolean;
};

/** A root cause or a solution: a description and the steps that lead to it. */
export type SeerFinding = { description: string | null; steps: SeerStep[] };

export type SeerChange = {
  repo: string | null;
  title: string | null;
  description: string | null;
  branch: string | null;
};

export type SeerPullRequest = {
  url: string | null;
  number: number | null;
  repo: string | null;
  provider: string | null;
};

/** Each Seer stage Sift heard of, by name (root_cause, solution, coding, triage, …). */
export type SeerStages = Record<string, "started" | "completed">;

// Incidents: issues of one fire, across projects, with the issue that started it named the root.

/** What incident grouping knows of one issue. Times are epoch milliseconds. */
export type IncidentIssueFacts = {
  id: string;
  projectId: string;
  platform: string | null;
  title: string;
  firstSeen: number;
  /**
   * Releases the issue was first seen in that were themselves new then (first seen by Sift shortly
   * before): a deploy that started a burst, not the release everything runs on.
   */
  releases: string[];
  /** The tenants the issue hit (capped by the loader). */
  tenants: string[];
  /** The earliest event of the issue in each trace it was seen in. */
  traces: { traceId: string; firstAt: number }[];
  /** When which user hit the issue (its newest events), for errors that carry no trace. */
  moments: { user: string; at: number }[];
};

export type IssueLinkEvidence =
  | { kind: "trace"; sharedTraces: number; exampleTraceIds: string[]; medianOffsetSeconds: number }
  | { kind: "users"; coOccurrences: number; withinSeconds: number }
  | { kind: "release"; release: string; firstSeenGapSeconds: number }
  | { kind: "tenants"; sharedTenants: number; jaccard: number; firstSeenGapSeconds: number }
  | { kind: "manual"; by: string };

/** Evidence that issues `a` and `b` belong to one incident (a < b); offsets are b relative to a. */
export type IssueLink = { a: string; b: string; strength: number; evidence: IssueLinkEvidence[] };

export type RootVerdict = {
  issueId: string;
  /** Probability that this issue is the root, from the evidence margin (calibrated on generated cascades). */
  confidence: number;
  reasons: string[];
  /** A triager set it; grouping keeps it while the issue stays in the incident. */
  pinned: boolean;
};
/** A commit that may have caused an issue, with the evidence for it, strongest first. */
export type SuspectCommit = {
  sha: string;
  repo: string;
  message: string;
  /** "Name <email>", or whichever of the two is known. */
  author: string | null;
  /** ISO 8601. */
  committedAt: string;
  why: string[];
  /** 0–1: the share of the strongest possible evidence (see suspect-commits.ts). */
  score: number;
};

/** The release an issue was first seen in and the commits most likely to have caused it. */
export type Suspects = { release: string | null; commits: SuspectCommit[] };

// Similar issues: past issues that look like this one, across projects.

/** Why two issues look alike: what their stacks share. */
export type SimilarIssueWhy = {
  /** Frames (`module.function`) both stacks hold, nearest the crash site first, at most five. */
  sharedFrames: string[];
  /** Both threw the same exception type. */
  exception: boolean;
  /** Words of the exception message both share (numbers and ids dropped). */
  messageWords: string[];
};

// Feedback: triagers confirm or correct a verdict; each model's accuracy is measured from it.

/** The verdicts triagers judge, one per model. */
export const FEEDBACK_KINDS = ["owner", "category", "priority", "duplicate_of", "incident_root"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_VERDICTS = ["confirm", "correct"] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];
