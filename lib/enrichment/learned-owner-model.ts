import { LearnedOwner } from "@/lib/analysis/learned-owner";
import { ownerExampleOf } from "@/lib/analysis/owner-query";
import { normaliseOwner } from "@/lib/analysis/ownership-rules";
import type { Database } from "@/lib/db/connect";
import {
  listOwnerFeedback,
  listTeamAssignedIssues,
  type OwnerExampleRow,
} from "@/lib/db/queries/owner-examples";

/**
 * The learned owner model of one worker process and how far it has read. Built once from the
 * newest settled owners, then fed only what changed since (learn replaces an issue's label), so an
 * analysis never rebuilds it.
 */
export type OwnerModelCache = {
  model: LearnedOwner;
  /** The label each learnt issue has and where it came from: a triager's word outranks Sentry's assignee. */
  labels: Map<string, { label: string; source: OwnerExampleRow["source"] }>;
  assignmentsSince: Date | null;
  feedbackSince: Date | null;
  /** Refreshes run one at a time, so two jobs never feed the model the same rows at once. */
  pending: Promise<unknown>;
};

export function createOwnerModelCache(): OwnerModelCache {
  return {
    model: new LearnedOwner(),
    labels: new Map(),
    assignmentsSince: null,
    feedbackSince: null,
    pending: Promise.resolve(),
  };
}

/** Settled owners read per source: the first build's bound, and each refresh's. */
export const OWNER_EXAMPLES_READ = 2000;

// Rows are stamped when their transaction ran, not when it committed: re-read a margin behind the
// last read so a slow commit is not skipped. Re-reading is harmless, an unchanged label is not relearnt.
const COMMIT_MARGIN_MS = 5 * 60_000;

const behind = (since: Date | null) => since && new Date(since.getTime() - COMMIT_MARGIN_MS);
const newest = (rows: OwnerExampleRow[], since: Date | null) =>
  rows.reduce<Date | null>((max, r) => (max === null || r.changedAt > max ? r.changedAt : max), since);

function learnRow(cache: OwnerModelCache, row: OwnerExampleRow, fallbackOwner: string): void {
  const label = normaliseOwner(row.label);
  // Confirming the fallback says nothing about which team owns the code.
  if (!label || label === fallbackOwner) return;
  const known = cache.labels.get(row.issueId);
  if (known?.label === label) return;
  if (known?.source === "feedback" && row.source === "assignment") return;
  cache.model.learn(
    ownerExampleOf({ ...row, id: row.issueId, firstSeen: row.firstSeen.getTime() }, label, row.event),
  );
  cache.labels.set(row.issueId, { label, source: row.source });
}

async function refresh(db: Database, cache: OwnerModelCache, fallbackOwner: string): Promise<void> {
  const [assigned, feedback] = await Promise.all([
    listTeamAssignedIssues(db, { since: behind(cache.assignmentsSince), limit: OWNER_EXAMPLES_READ }),
    listOwnerFeedback(db, { since: behind(cache.feedbackSince), limit: OWNER_EXAMPLES_READ }),
  ]);
  // Oldest first, feedback after assignments: the newest word on an issue is the one kept.
  for (const row of assigned.toReversed()) learnRow(cache, row, fallbackOwner);
  for (const row of feedback.toReversed()) learnRow(cache, row, fallbackOwner);
  cache.assignmentsSince = newest(assigned, cache.assignmentsSince);
  cache.feedbackSince = newest(feedback, cache.feedbackSince);
}

/**
 * The cached model, first fed the team assignments and owner feedback that changed since its last
 * read (at most OWNER_EXAMPLES_READ of each, newest first). Two indexed reads of the changes.
 */
export async function refreshOwnerModel(
  db: Database,
  cache: OwnerModelCache,
  fallbackOwner: string,
): Promise<LearnedOwner> {
  const run = cache.pending.then(() => refresh(db, cache, fallbackOwner));
  cache.pending = run.catch(() => undefined);
  await run;
  return cache.model;
}
