import { z } from "zod";
import { analyseIssue, inAppFramesOf } from "@/lib/analysis/analyse-issue";
import { type RephraseSummary, rephraseRequestOf } from "@/lib/analysis/summary-rephrasing";
import {
  type AnalysisEvent,
  type AnalysisResult,
  ERROR_CATEGORIES,
  type ErrorCategory,
  type ImpactInput,
  type IncidentFacts,
  type OwnershipRule,
  type PriorityTier,
  type TenantTier,
} from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import { insertAnalysis } from "@/lib/db/queries/analyses";
import { listIssueIdentities, listRecentEvents } from "@/lib/db/queries/events";
import { type Correction, getVerdictCorrections } from "@/lib/db/queries/feedback";
import { getIssueIncident } from "@/lib/db/queries/incidents";
import { listHourlyBuckets, timelineWindow } from "@/lib/db/queries/issue-hours";
import { getIssueRow, type IssueRow, setIssuePriority } from "@/lib/db/queries/issue-row";
import { ANALYSE_ISSUE_JOB, enqueueJob } from "@/lib/db/queries/jobs";
import { rollUpPendingHours } from "@/lib/db/queries/pending-hours";
import {
  countActiveTenants,
  listTenantsHitAmong,
  recordTenantActivity,
} from "@/lib/db/queries/tenant-activity";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";
import { wakeWorkers } from "@/lib/jobs/wake";
import { rateLimitResetOf } from "@/lib/sentry/api-errors";
import { type FetchReleaseCommits, findSuspects } from "./find-suspects";
import { GROUP_INCIDENT_JOB } from "./group-incident-job";
import { INDEX_SIMILAR_JOB } from "./index-similar-job";
import { createOwnerModelCache, type OwnerModelCache, refreshOwnerModel } from "./learned-owner-model";

export type AnalysisSettings = {
  rules: OwnershipRule[];
  fallbackOwner: string;
  /**
   * Stores the issue's latest event from Sentry when its stored events are missing or behind its
   * lastSeen; returns whether a row was written. Null analyses only what webhooks brought. Handed
   * in by whoever starts the worker, since reading Sentry into rows is ingest's work.
   */
  fetchLatestEvent: ((db: Database, issueId: string) => Promise<boolean>) | null;
  /** Stores the suspect release's commits from Sentry when none are stored; absent: only imported ones. */
  fetchReleaseCommits?: FetchReleaseCommits | null;
  /**
   * Runs in the transaction that stores the analysis, e.g. to queue its write-back to Sentry:
   * either both are committed or neither. Handed in by whoever starts the worker.
   */
  afterAnalysis?: (tx: Database, issueId: string) => Promise<void>;
  /** High-value tenants by tier (SIFT_TENANT_TIERS); absent: none. */
  tenantTiers?: ReadonlyMap<string, TenantTier>;
  /** A tenant is active when Sift saw it in this many days (SIFT_ACTIVE_TENANT_DAYS). */
  activeTenantDays?: number;
  /**
   * Rephrases the deterministic summary with a language model (LLM_BASE_URL); absent: never. Any
   * rejection or failure keeps the deterministic text. Handed in by whoever starts the worker.
   */
  rephraseSummary?: RephraseSummary | null;
  /**
   * The worker's learned owner model, kept between analyses and fed only what changed; absent: one
   * is built for this analysis alone (tests, one-off callers).
   */
  ownerModel?: OwnerModelCache;
  /** The clock, for tests; the wall clock otherwise. */
  now?: () => Date;
};

const DEFAULT_ACTIVE_TENANT_DAYS = 14;
const DAY_MS = 86_400_000;

// Webhook events carry their own timestamp and Sentry's lastSeen its own clock; only a gap larger
// than this means events were missed (they came by issue.* webhooks or the poll, not error.created).
const MISSED_EVENTS_GAP_MS = 60_000;

// Full events (frames, tags) for owner and frames; the blast radius reads the identity rollup.
const RECENT_EVENTS = 50;

/**
 * Loads what the pure analysis needs, runs it and stores the result as the issue's next version.
 * An issue with no stored event (it came by `issue.created`), or whose newest stored event is well
 * behind its lastSeen, first gets its latest event from Sentry when fetchLatestEvent is given; a
 * SentryRateLimitError from that read propagates. Suspect commits are ranked from the stored
 * commits, after fetchReleaseCommits (when given) stores the suspect release's from Sentry. The
 * owner weighs the rules over the recent events, with the learned model (settings.ownerModel, fed
 * what changed since its last read) where they leave it open; a triager's owner correction
 * overrides both. The summary reads those and the issue's current incident; rephraseSummary (when given) may reword
 * it, outside the transaction, and any failure keeps the deterministic text.
 */
export async function runAnalyseIssueJob(
  db: Database,
  issueId: string,
  settings: AnalysisSettings,
): Promise<void> {
  const issue = await getIssueRow(db, issueId);
  if (!issue) throw new Error(`issue ${issueId} does not exist`);
  // The issue row's seen range bounds the first read; after a fetch the row may have widened.
  const load = (seen?: typeof issue) =>
    Promise.all([listRecentEvents(db, issueId, RECENT_EVENTS, seen), listIssueIdentities(db, issueId)]);
  let [recent, identities] = await load(issue);
  const newest = recent[0]?.occurredAt.getTime();
  const behind = newest === undefined || issue.lastSeen.getTime() - newest > MISSED_EVENTS_GAP_MS;
  if (behind && settings.fetchLatestEvent) {
    if (await settings.fetchLatestEvent(db, issueId)) {
      [recent, identities] = await load();
    }
  }
  const impact = await loadImpact(db, issue, settings);
  const events: AnalysisEvent[] = recent.map((e) => ({
    userId: e.userId,
    tenantId: e.tenantId,
    roles: e.roles,
    tags: e.tags,
    url: e.url,
    frames: e.frames,
    exceptionType: e.exceptionType,
    exceptionValue: e.exceptionValue,
    message: e.message,
    handled: e.handled,
    environment: e.environment,
  }));
  const [suspects, incident, corrections, ownerModel] = await Promise.all([
    findSuspects(db, issue, inAppFramesOf(events), settings.fetchReleaseCommits ?? null),
    loadIncidentFacts(db, issueId),
    getVerdictCorrections(db, issueId),
    refreshOwnerModel(db, settings.ownerModel ?? createOwnerModelCache(), settings.fallbackOwner),
  ]);
  const result = await rephrased(
    issue.title,
    analyseIssue({
      issue: { title: issue.title, culprit: issue.culprit, level: issue.level, platform: issue.platform },
      events,
      identities,
      rules: settings.rules,
      fallbackOwner: settings.fallbackOwner,
      learnedOwner: { model: ownerModel, issueId, firstSeen: issue.firstSeen.getTime() },
      ownerCorrection: corrections.owner && { owner: corrections.owner.value, by: corrections.owner.by },
      categoryCorrection: categoryCorrectionOf(corrections.category),
      priorityCorrection: priorityCorrectionOf(corrections.priority),
      impact,
      suspects,
      incident,
    }),
    settings.rephraseSummary ?? null,
  );
  await db.transaction(async (tx) => {
    await insertAnalysis(tx, {
      issueId,
      analyserVersion: result.analyserVersion,
      summary: result.summary,
      owner: result.owner,
      blastRadius: result.blastRadius,
      inAppFrames: result.inAppFrames,
      suspects,
      category: result.category,
      priority: result.priority,
      summaryFacts: result.summaryFacts,
    });
    if (result.priority) await setIssuePriority(tx, issueId, result.priority);
    // New events may link the issue to others: its incident is regrouped with every analysis.
    await enqueueJob(tx, GROUP_INCIDENT_JOB, issueId);
    // Its newest stack may have changed: its terms and matches are renewed.
    // Sooner: a re-index queued for later (migration 0025) does not hold back this analysis's.
    await enqueueJob(tx, INDEX_SIMILAR_JOB, issueId, { sooner: true });
    await settings.afterAnalysis?.(tx, issueId);
  });
  wakeWorkers();
}

// Stored corrections passed the feedback route's schema; one from an older set of values is ignored.
const categoryCorrectionOf = (c: Correction | undefined) =>
  c && (ERROR_CATEGORIES as readonly string[]).includes(c.value)
    ? { category: c.value as ErrorCategory, by: c.by }
    : null;
const priorityCorrectionOf = (c: Correction | undefined) =>
  c && /^P[0-3]$/.test(c.value) ? { tier: c.value as PriorityTier, by: c.by } : null;

/**
 * The incident the issue is in as the last grouping left it. Grouping is queued after each
 * analysis, so a new issue's first analysis finds none yet and a regrouping caused by this very
 * analysis shows only in the next one: the summary may lag one grouping behind (its confidence
 * counts a fresh lone issue as less surely alone).
 */
async function loadIncidentFacts(db: Database, issueId: string): Promise<IncidentFacts | null> {
  const incident = await getIssueIncident(db, issueId);
  if (!incident) return null;
  return {
    id: incident.id,
    issueCount: incident.issueCount,
    role: incident.rootIssueId === issueId ? "root" : "symptom",
    rootIssueId: incident.rootIssueId,
    rootLabel: incident.rootShortId ?? `issue ${incident.rootIssueId}`,
    rootTitle: incident.rootTitle,
    rootConfidence: incident.root.confidence,
  };
}

/** The result with its summary rephrased when a rephraser is given and its answer passes. */
async function rephrased(
  title: string,
  result: AnalysisResult,
  rephrase: RephraseSummary | null,
): Promise<AnalysisResult> {
  if (!rephrase) return result;
  const outcome = await rephrase(rephraseRequestOf(title, result)).catch((error: unknown) => ({
    rejected: String(error),
  }));
  if ("rejected" in outcome) return result;
  return {
    ...result,
    summary: outcome.text,
    summaryFacts: { ...result.summaryFacts, rephrasedBy: outcome.model },
  };
}

/**
 * The issue's reach over time for its priority: its hourly events over the timeline window (pending
 * hours rolled up first), the
 * tenants active in the last activeTenantDays (this issue's recent ones recorded first, so an
 * event's tenant counts as active by the time its analysis runs) and the configured tenants it hit.
 */
async function loadImpact(db: Database, issue: IssueRow, settings: AnalysisSettings): Promise<ImpactInput> {
  const now = settings.now?.() ?? new Date();
  const window = timelineWindow(issue.firstSeen, now);
  const activeSince = new Date(
    now.getTime() - (settings.activeTenantDays ?? DEFAULT_ACTIVE_TENANT_DAYS) * DAY_MS,
  );
  // The webhook leaves new events' hours pending: they are rolled up here, before anything reads them.
  await rollUpPendingHours(db, issue.id);
  await recordTenantActivity(db, issue.id, window.from);
  const tiers = settings.tenantTiers ?? new Map<string, TenantTier>();
  const [hourly, tenants, tiered] = await Promise.all([
    listHourlyBuckets(db, { issueIds: [issue.id], ...window }),
    countActiveTenants(db, issue.id, activeSince),
    listTenantsHitAmong(db, issue.id, [...tiers.keys()]),
  ]);
  return {
    now,
    firstSeen: issue.firstSeen,
    hourly,
    activeTenants: tenants.active,
    activeTenantsHit: tenants.hit,
    tieredTenantsHit: tiered.flatMap((tenantId) => {
      const tier = tiers.get(tenantId);
      return tier ? [{ tenantId, tier }] : [];
    }),
  };
}

/**
 * The analysis as a job kind: its subject is a Sentry issue id; a Sentry rate limit defers it. The
 * kind holds the worker's learned owner model, so each worker process builds it once.
 */
export function analyseIssueJob(base: AnalysisSettings): JobKind {
  const settings = { ...base, ownerModel: base.ownerModel ?? createOwnerModelCache() };
  return {
    name: ANALYSE_ISSUE_JOB,
    subject: z.string().regex(/^\d{1,20}$/, "a Sentry issue id"),
    retry: { ...defaultRetry, waitUntil: rateLimitResetOf },
    run: ({ db, subjectId }) => runAnalyseIssueJob(db, subjectId, settings),
  };
}
