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
  /** Sentry order: the LAST value is the outermost/primary exception. */
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

export type NormalisedStack = {
  frames: Frame[];
  inAppFrames: Frame[];
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

export type OwnerVerdict = { owner: string; source: "ownership_rule" | "fallback"; rule: string | null };

export type BlastRadius = {
  events: number;
  users: number;
  tenants: number;
  topTenants: { tenantId: string; events: number; users: number }[];
  roles: { role: string; users: number }[];
};

export type AnalysisEvent = {
  userId: string | null;
  tenantId: string | null;
  roles: string[];
  tags: Record<string, string>;
  url: string | null;
  frames: Frame[];
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
  /** What the priority weighs beyond the events; absent: no priority is computed. */
  impact?: ImpactInput;
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
  /** Null when the input carried no impact (tests of the other outputs). */
  priority: Priority | null;
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
