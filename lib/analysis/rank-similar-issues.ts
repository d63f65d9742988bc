import { frameAlignment } from "./similarity/frame-alignment";
import type { SimilarityOptions } from "./similarity/similarity-index";
import type { TraceInput } from "./similarity/stack-terms";
import type { SimilarIssueWhy } from "./types";

/** A candidate found in the inverted index: its cosine over every term it shares with the query. */
export type SimilarCandidate = {
  issueId: string;
  cosine: number;
  /** The terms it shares with the query (`f:`, `c:`, `e:`, `w:` as stackTerms names them). */
  sharedTerms: string[];
  /** Its aligned frames (top first), needed only when the options re-rank by frame alignment. */
  frames?: string[];
};

export type SimilarMatch = { issueId: string; score: number; why: SimilarIssueWhy };

// SimilarityIndex aligns at most this many frames of the whole chain (the O(n²) alignment's cap).
const ALIGNED_FRAMES = 50;
const WHY_FRAMES = 5;

/** The frames alignment compares: the whole chain's, outermost exception first, capped. */
export const alignedFrames = (traces: TraceInput[]): string[] =>
  traces.flatMap((t) => t.frames).slice(0, ALIGNED_FRAMES);

/**
 * Orders candidates as SimilarityIndex.search does (cosine, plus the frame alignment when
 * options.alignmentWeight > 0; ties by id) and says why each matched: the frames shared, nearest
 * the query's crash site first, the exception type, the message words. O(candidates × frames²)
 * with alignment, O(candidates × terms) without.
 */
export function rankSimilarIssues(
  query: TraceInput[],
  candidates: SimilarCandidate[],
  options: SimilarityOptions,
  limit: number,
): SimilarMatch[] {
  const queryFrames = alignedFrames(query);
  const frameOrder = new Map<string, number>();
  for (const [i, f] of query.flatMap((t) => t.frames).entries()) if (!frameOrder.has(f)) frameOrder.set(f, i);
  return candidates
    .map((c) => ({
      candidate: c,
      score:
        options.alignmentWeight === 0
          ? c.cosine
          : c.cosine + options.alignmentWeight * frameAlignment(queryFrames, c.frames ?? []),
    }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.candidate.issueId < b.candidate.issueId ? -1 : a.candidate.issueId > b.candidate.issueId ? 1 : 0),
    )
    .slice(0, limit)
    .map(({ candidate, score }) => ({
      issueId: candidate.issueId,
      score,
      why: whyOf(candidate, frameOrder),
    }));
}

function whyOf(candidate: SimilarCandidate, frameOrder: Map<string, number>): SimilarIssueWhy {
  const of = (prefix: string) =>
    candidate.sharedTerms.filter((t) => t.startsWith(prefix)).map((t) => t.slice(2));
  return {
    sharedFrames: of("f:")
      .sort((a, b) => (frameOrder.get(a) ?? Infinity) - (frameOrder.get(b) ?? Infinity))
      .slice(0, WHY_FRAMES),
    exception: candidate.sharedTerms.some((t) => t.startsWith("e:")),
    messageWords: of("w:").sort(),
  };
}

/** The state of an issue the duplicate rule reads. */
export type DuplicateSide = { id: string; status: string; firstSeen: Date };

/**
 * The score from which an open issue is called a likely duplicate of an open match seen before it:
 * in effect, the same frames, exception and message words. Chosen on the benchmark's development
 * split (`npm run tune:duplicate`, docs/benchmarks.md): no score reached 90% precision against its
 * duplicate labels (which miss many true duplicates), so the most precise one was taken. Depends on
 * the scoring in lib/analysis/similarity: re-run the tuning when that changes.
 */
export const LIKELY_DUPLICATE_SCORE = 0.999;

/**
 * `issue` is a likely duplicate of `match` when both are unresolved, the score reaches
 * `threshold`, and the match was seen first (so of two duplicates, the newer one is marked).
 */
export function isLikelyDuplicate(
  issue: DuplicateSide,
  match: DuplicateSide,
  score: number,
  threshold: number = LIKELY_DUPLICATE_SCORE,
): boolean {
  if (score < threshold || issue.status !== "unresolved" || match.status !== "unresolved") return false;
  const order = issue.firstSeen.getTime() - match.firstSeen.getTime();
  return order > 0 || (order === 0 && numericIdBefore(match.id, issue.id));
}

// Sentry ids are decimal strings past 2^53: compared by length, then text.
const numericIdBefore = (a: string, b: string) => a.length < b.length || (a.length === b.length && a < b);
