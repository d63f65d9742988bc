import { computeBlastRadius } from "./blast-radius";
import { categorise } from "./categorise";
import { ownerQueryOf } from "./owner-query";
import { computePriority } from "./priority";
import { resolveOwner } from "./resolve-owner";
import { summarise } from "./summarise";
import { summaryClaims, summaryConfidence } from "./summary-confidence";
import type {
  AnalysisInput,
  AnalysisResult,
  CategoryVerdict,
  Frame,
  OwnerVerdict,
  Priority,
  SummaryFacts,
} from "./types";

/** Bump when a change to analysis would change stored results, so old analyses can be redone. */
export const ANALYSER_VERSION = "6";

/**
 * Analyses one issue from its recent events (newest first). The owner weighs the rules over all the
 * events given, the learned model where they leave it open, and a triager's correction over both
 * (resolveOwner). In-app frames and the category come from the newest event, because that reflects
 * the code as currently deployed; the blast radius counts
 * `identities` when given (the issue's whole history, weighted), else the events given. With no
 * events the owner is the fallback. With `impact`, the priority weighs the blast radius, the
 * hourly trend and the recent events (computePriority). The summary paragraph reads all of these
 * plus the given suspects and incident, and carries the confidence of its claims (summaryClaims).
 * O(identities + hours + rules × events × frames), plus one prediction of the learned model when consulted.
 */
export function analyseIssue(input: AnalysisInput): AnalysisResult {
  const owner = ownerOf(input);
  const inAppFrames = inAppFramesOf(input.events);
  const blastRadius = computeBlastRadius(input.identities ?? input.events);
  const category = correctedCategory(categoryOf(input), input.categoryCorrection);
  const { impact } = input;
  const priority = impact
    ? correctedPriority(
        computePriority({
          ...impact,
          level: input.issue.level,
          users: blastRadius.users,
          tenants: blastRadius.tenants,
          events: input.events,
          category: category.category,
        }),
        input.priorityCorrection,
      )
    : null;
  const { text: summary, nextStep } = summarise({
    title: input.issue.title,
    culprit: input.issue.culprit,
    frame: inAppFrames.at(-1) ?? null,
    category,
    blastRadius,
    activeTenantShare: priority?.activeTenantShare ?? null,
    suspects: input.suspects ?? null,
    incident: input.incident,
    owner,
  });
  const claims = summaryClaims({
    category,
    owner,
    incident: input.incident,
    ageSeconds: impact ? (impact.now.getTime() - impact.firstSeen.getTime()) / 1000 : null,
  });
  const summaryFacts: SummaryFacts = {
    confidence: summaryConfidence(claims),
    claims,
    nextStep,
    deterministic: summary,
    rephrasedBy: null,
  };
  return {
    analyserVersion: ANALYSER_VERSION,
    summary,
    owner,
    blastRadius,
    inAppFrames,
    category,
    priority,
    summaryFacts,
  };
}

function ownerOf(input: AnalysisInput): OwnerVerdict {
  const { ownerCorrection: correction, learnedOwner: learned } = input;
  if (correction) {
    return {
      owner: correction.owner,
      source: "correction",
      rule: null,
      share: null,
      backedBy: [],
      correctedBy: correction.by,
    };
  }
  const newest = input.events.find((e) => e.frames.length > 0) ?? input.events[0] ?? null;
  return resolveOwner({
    rules: input.rules,
    events: input.events,
    fallbackOwner: input.fallbackOwner,
    learned: learned && {
      model: learned.model,
      issueId: learned.issueId,
      query: ownerQueryOf(newest && stackOf(newest), input.issue.title, learned.firstSeen),
    },
  });
}

/** A triager's category stands over Sift's, saying who set it and what Sift had found. */
function correctedCategory(found: CategoryVerdict, correction: AnalysisInput["categoryCorrection"]) {
  if (!correction || correction.category === found.category) return found;
  return {
    category: correction.category,
    reason:
      found.category === "other"
        ? `set by ${correction.by}; Sift had none: ${found.reason}`
        : `set by ${correction.by}; Sift found ${found.category.replaceAll("_", " ")} because of ${found.reason}`,
    correctedBy: correction.by,
  };
}

/** A triager's tier stands over the score's; the score and its reasons stay Sift's, to compare. */
function correctedPriority(found: Priority, correction: AnalysisInput["priorityCorrection"]): Priority {
  if (!correction || correction.tier === found.tier) return found;
  return { ...found, tier: correction.tier, correctedBy: correction.by };
}

const stackOf = (event: AnalysisInput["events"][number]) => ({
  frames: event.frames,
  exceptionType: event.exceptionType ?? null,
  exceptionValue: event.exceptionValue ?? null,
  message: event.message ?? null,
});

/** The newest event's in-app frames, oldest first: where the issue's code is as now deployed. */
export function inAppFramesOf(events: AnalysisInput["events"]): Frame[] {
  return events[0]?.frames.filter((f) => f.inApp) ?? [];
}

// An issue that came without events (issue.created) is titled "Type: value" by Sentry.
const TITLE = /^([\w.$:*\\/<>-]+): (.+)$/s;

/** The newest event's error, else the issue's title read as Sentry writes it. */
function categoryOf(input: AnalysisInput) {
  const newest = input.events[0];
  const platform = input.issue.platform;
  if (newest) {
    const message = newest.exceptionValue || newest.message || null;
    return categorise({
      exceptionType: newest.exceptionType ?? null,
      message,
      frames: newest.frames,
      platform,
    });
  }
  const [, type, value] = TITLE.exec(input.issue.title) ?? [];
  return categorise({
    exceptionType: type ?? null,
    message: value ?? input.issue.title,
    frames: [],
    platform,
  });
}
