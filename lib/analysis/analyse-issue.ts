import { computeBlastRadius } from "./blast-radius";
import { categorise } from "./categorise";
import { computePriority } from "./priority";
import { resolveOwner } from "./resolve-owner";
import { summarise } from "./summarise";
import { summaryClaims, summaryConfidence } from "./summary-confidence";
import type { AnalysisInput, AnalysisResult, Frame, OwnerVerdict, SummaryFacts } from "./types";

/** Bump when a change to analysis would change stored results, so old analyses can be redone. */
export const ANALYSER_VERSION = "3";

/**
 * Analyses one issue from its recent events (newest first). Ownership, in-app frames and the
 * category come from the newest event, because that reflects the code as currently deployed; the blast radius counts
 * `identities` when given (the issue's whole history, weighted), else the events given. With no
 * events the owner is the fallback. With `impact`, the priority weighs the blast radius, the
 * hourly trend and the recent events (computePriority). The summary paragraph reads all of these
 * plus the given suspects and incident, and carries the confidence of its claims (summaryClaims).
 * O(events + identities + hours + rules × frames).
 */
export function analyseIssue(input: AnalysisInput): AnalysisResult {
  const newest = input.events[0];
  const owner: OwnerVerdict = newest
    ? resolveOwner({
        rules: input.rules,
        frames: newest.frames,
        tags: newest.tags,
        url: newest.url,
        fallbackOwner: input.fallbackOwner,
      })
    : { owner: input.fallbackOwner, source: "fallback", rule: null };
  const inAppFrames = inAppFramesOf(input.events);
  const blastRadius = computeBlastRadius(input.identities ?? input.events);
  const category = categoryOf(input);
  const { impact } = input;
  const priority = impact
    ? computePriority({
        ...impact,
        level: input.issue.level,
        users: blastRadius.users,
        tenants: blastRadius.tenants,
        events: input.events,
        category: category.category,
      })
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
