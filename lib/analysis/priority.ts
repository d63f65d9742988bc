import { plural } from "./plural";
import { classifyTrend, RECENT_HOURS } from "./trend";
import type {
  HourlyEvents,
  Priority,
  PriorityReason,
  PriorityTier,
  TenantTier,
  Trend,
  TrendVerdict,
} from "./types";

// The score is a sum of points, one term per factor, so every reason shows what it added. The
// points are the model's free parameters; each is chosen so the tiers below fall where on-call
// expects them (see priority.test.ts for the cases that pin them).

/** Users: 10 points per tenfold (1 → 3, 10 → 10, 100 → 20), at most 30: reach grows slower than counts. */
const USER_POINTS_PER_DECADE = 10;
const USER_POINTS_MAX = 30;
/**
 * Tenants: the larger of 10 points per tenfold and 60 × the share of active tenants hit, at most 40.
 * A quarter of all customers (15) is worth a hundred users; half of them (30) alone nearly makes P1.
 */
const TENANT_POINTS_PER_DECADE = 10;
const TENANT_POINTS_PER_SHARE = 60;
const TENANT_POINTS_MAX = 40;
/** Per configured tenant hit, by tier, at most 25 in all: one enterprise customer matters like ~30 users. */
const TIER_POINTS: Record<TenantTier, number> = { enterprise: 15, pro: 5, free: 0 };
const TIER_POINTS_MAX = 25;
/** A burst now outweighs a new issue, which outweighs a steady one; a fading one can wait. */
const TREND_POINTS: Record<Trend, number> = { rising: 15, new: 10, steady: 0, falling: -10 };
/** Sentry's levels; error is the baseline, unknown levels count as error. */
const LEVEL_POINTS: Record<string, number> = { fatal: 10, error: 0, warning: -10, info: -20, debug: -20 };
/** An exception no code caught crashed the request or screen the user was on. */
const UNHANDLED_POINTS = 10;
/** Outside production nobody outside the company is hurt; such issues are also capped at P2. */
const NON_PRODUCTION_POINTS = -20;
/** Categories that take a whole path down, and ones that rarely stop anyone (matched by name, see categoryPoints). */
const CRITICAL_CATEGORY_POINTS = 10;
const MINOR_CATEGORY_POINTS = -10;
/** Lowest score of each tier; below P2's is P3. */
const TIER_FLOORS: [PriorityTier, number][] = [
  ["P0", 60],
  ["P1", 40],
  ["P2", 20],
];

const CRITICAL_CATEGORIES = [
  "database",
  "upstream",
  "5xx",
  "auth",
  "resource",
  "configuration",
  "asset",
  "chunk",
];
const MINOR_CATEGORIES = ["validation", "third_party"];
const PRODUCTION = /^(production|prod|prd|live)(\b|[-_])/i;

export type PriorityInput = {
  now: Date;
  firstSeen: Date;
  level: string | null;
  /** Distinct users and tenants over the issue's whole history. */
  users: number;
  tenants: number;
  /** Tenants seen by Sift in the active window, and how many of them this issue hit. */
  activeTenants: number;
  activeTenantsHit: number;
  tieredTenantsHit: { tenantId: string; tier: TenantTier }[];
  /** The issue's events per hour, every hour from the timeline's start to now (zeros included). */
  hourly: HourlyEvents[];
  /** Recent events: the share that was unhandled, and the environments they came from. */
  events: { handled?: boolean | null; environment?: string | null }[];
  /** The issue's category verdict (e.g. "database", "third_party_script"); null or absent: not weighed. */
  category?: string | null;
};

const log10Points = (count: number, perDecade: number) => perDecade * Math.log10(1 + count);
const rate = (perHour: number) => `${perHour >= 10 ? Math.round(perHour) : Math.round(perHour * 10) / 10}/h`;

/**
 * Scores how urgently an issue needs a human and maps it to P0–P3, with the reasons: impact (users,
 * tenants and the share of active tenants, configured high-value tenants), trend against the issue's
 * own baseline (classifyTrend), level, unhandled exceptions, environment and category. P0 (≥ 60)
 * takes broad impact: many tenants, or many users with a burst or crash; P3 is a single user,
 * anything scoring under 20, or cosmetic levels. Caps: one user and at most one tenant is P3 at
 * most; an issue seen only outside production is P2 at most. Pure; O(hours + events + tenants).
 */
export function computePriority(input: PriorityInput): Priority {
  const trend = classifyTrend(input);
  const share = input.activeTenants > 0 ? Math.min(input.activeTenantsHit / input.activeTenants, 1) : null;
  const reasons: PriorityReason[] = [
    ...impactReasons(input, share),
    trendReason(trend, input),
    ...severityReasons(input),
  ];
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  let tier = TIER_FLOORS.find(([, floor]) => score >= floor)?.[0] ?? "P3";
  for (const cap of caps(input)) {
    if (tier < cap.tier) {
      tier = cap.tier;
      reasons.push({ factor: "cap", text: cap.text, points: 0 });
    }
  }
  const shown = reasons.filter((r) => r.points !== 0 || r.factor === "trend" || r.factor === "cap");
  shown.sort(
    (a, b) =>
      Number(a.factor === "cap") - Number(b.factor === "cap") || Math.abs(b.points) - Math.abs(a.points),
  );
  return { tier, score, trend, activeTenantShare: share, reasons: shown };
}

function impactReasons(input: PriorityInput, share: number | null): PriorityReason[] {
  const users: PriorityReason = {
    factor: "users",
    text: `${plural(input.users, "user")} affected`,
    points: Math.round(Math.min(log10Points(input.users, USER_POINTS_PER_DECADE), USER_POINTS_MAX)),
  };
  const byCount = log10Points(input.tenants, TENANT_POINTS_PER_DECADE);
  const byShare = share === null ? 0 : share * TENANT_POINTS_PER_SHARE;
  const tenants: PriorityReason = {
    factor: "tenants",
    text:
      share === null
        ? `${plural(input.tenants, "tenant")} hit`
        : `${input.activeTenantsHit} of ${plural(input.activeTenants, "active tenant")} hit (${Math.round(share * 100)}%)`,
    points: Math.round(Math.min(Math.max(byCount, byShare), TENANT_POINTS_MAX)),
  };
  let tierBudget = TIER_POINTS_MAX;
  const tiers: PriorityReason[] = [];
  for (const tier of Object.keys(TIER_POINTS) as TenantTier[]) {
    const hit = input.tieredTenantsHit.filter((t) => t.tier === tier).map((t) => t.tenantId);
    const points = Math.min(hit.length * TIER_POINTS[tier], tierBudget);
    tierBudget -= points;
    if (hit.length === 0) continue;
    const names = hit.slice(0, 3).join(", ") + (hit.length > 3 ? ", …" : "");
    tiers.push({ factor: "tiers", text: `${plural(hit.length, `${tier} tenant`)} hit (${names})`, points });
  }
  return [users, tenants, ...tiers];
}

function trendReason(verdict: TrendVerdict, input: PriorityInput): PriorityReason {
  const recent = `${rate(verdict.recentPerHour)} in the last ${RECENT_HOURS} h`;
  const ageHours = Math.max(0, Math.round((input.now.getTime() - input.firstSeen.getTime()) / 3_600_000));
  const text =
    verdict.baselinePerHour === null
      ? `new: first seen ${ageHours} h ago, ${recent}`
      : `${verdict.trend}: ${recent} against ${rate(verdict.baselinePerHour)} before`;
  return { factor: "trend", text, points: TREND_POINTS[verdict.trend] };
}

function severityReasons(input: PriorityInput): PriorityReason[] {
  const reasons: PriorityReason[] = [];
  const level = input.level?.toLowerCase() ?? "error";
  reasons.push({ factor: "level", text: `level ${level}`, points: LEVEL_POINTS[level] ?? 0 });
  const known = input.events.filter((e) => typeof e.handled === "boolean");
  const unhandled = known.filter((e) => e.handled === false).length;
  if (unhandled > 0) {
    reasons.push({
      factor: "handled",
      text: `unhandled in ${unhandled} of ${plural(input.events.length, "recent event")}`,
      points: UNHANDLED_POINTS,
    });
  }
  const environments = environmentsOf(input.events);
  if (environments.length > 0 && !environments.some((env) => PRODUCTION.test(env))) {
    reasons.push({
      factor: "environment",
      text: `only seen outside production (${environments.slice(0, 3).join(", ")})`,
      points: NON_PRODUCTION_POINTS,
    });
  }
  if (input.category) {
    reasons.push({
      factor: "category",
      text: `category ${input.category}`,
      points: categoryPoints(input.category),
    });
  }
  return reasons;
}

const environmentsOf = (events: PriorityInput["events"]) => [
  ...new Set(events.map((e) => e.environment).filter((env): env is string => Boolean(env))),
];

/**
 * Categories are matched by the words in their name (lower case, any separator), so "Upstream 5xx"
 * and "upstream_5xx" weigh alike: those that take a path down (database, upstream 5xx, auth,
 * resource exhaustion, configuration, chunk or asset load) add points; validation and third-party
 * script errors, which rarely stop a user, take some away; the rest weigh nothing.
 */
export function categoryPoints(category: string): number {
  const name = category.toLowerCase().replace(/[^a-z0-9]+/g, "_");
  if (MINOR_CATEGORIES.some((word) => name.includes(word))) return MINOR_CATEGORY_POINTS;
  if (CRITICAL_CATEGORIES.some((word) => name.includes(word))) return CRITICAL_CATEGORY_POINTS;
  return 0;
}

function caps(input: PriorityInput): { tier: PriorityTier; text: string }[] {
  const out: { tier: PriorityTier; text: string }[] = [];
  const environments = environmentsOf(input.events);
  if (environments.length > 0 && !environments.some((env) => PRODUCTION.test(env))) {
    out.push({ tier: "P2", text: "not seen in production: P2 at most" });
  }
  if (input.users === 1 && input.tenants <= 1) out.push({ tier: "P3", text: "a single user: P3 at most" });
  return out;
}

/**
 * A number that orders issues by priority in one descending index: the tier first (P0 highest),
 * then the score within it. 0 is left for issues with no priority yet, so they sort last.
 */
export function priorityRank(priority: Pick<Priority, "tier" | "score">): number {
  const tier = Number(priority.tier.slice(1));
  return (4 - tier) * 1000 + Math.min(Math.max(Math.round(priority.score), 0), 999);
}
