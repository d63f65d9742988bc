import { frameAlignment } from "./similarity/frame-alignment";
import { indexScore } from "./similarity/index-score";
import type { SimilarityOptions } from "./similarity/similarity-index";
import { messageWords, searchWord, type TraceInput } from "./similarity/stack-terms";
import { traceSim } from "./similarity/trace-sim";
import type { SimilarIssueWhy } from "./types";

/** A candidate found in the inverted index: its cosines over every term it shares with the query. */
export type SimilarCandidate = {
  issueId: string;
  /** Over its stack terms. */
  cosine: number;
  /** Over its title words (0 or absent: none shared). */
  titleCosine?: number;
  /** When it was first seen (epoch ms), for the recency factor. */
  at?: number;
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

/** What the score needs of the query besides its stack. */
export type RankContext = {
  /** The title's weight for this query (titleWeightFor: 0 when it has no title). */
  titleWeight: number;
  /** When the query issue was first seen (epoch ms), for the recency factor. */
  at?: number;
  /** A frame's IDF over the largest IDF, for the "tracesim" alignment (unknown frames: 1). */
  rarity?: (frame: string) => number;
};

const byScoreThenId = (a: { id: string; score: number }, b: { id: string; score: number }) =>
  b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Orders candidates as SimilarityIndex.search does (index-score.ts: stack and title cosines,
 * recency and, for the best `options.candidates` when options.alignmentWeight > 0, the frame
 * alignment; ties by id) and says why each matched: the frames shared, nearest the query's crash
 * site first, the exception type, the message words. O(candidates × frames²) with alignment,
 * O(candidates × terms) without.
 */
export function rankSimilarIssues(
  query: TraceInput[],
  candidates: SimilarCandidate[],
  options: SimilarityOptions,
  limit: number,
  context: RankContext = { titleWeight: 0 },
): SimilarMatch[] {
  const queryFrames = alignedFrames(query);
  const frameOrder = new Map<string, number>();
  for (const [i, f] of query.flatMap((t) => t.frames).entries()) if (!frameOrder.has(f)) frameOrder.set(f, i);
  const byId = new Map(candidates.map((c) => [c.issueId, c]));
  const ageOf = (c: SimilarCandidate) =>
    context.at === undefined || c.at === undefined ? undefined : context.at - c.at;
  const partsOf = (c: SimilarCandidate) => ({ stack: c.cosine, title: c.titleCosine ?? 0 });
  const unaligned = { ...options, alignmentWeight: 0 };
  let ranked = candidates
    .map((c) => ({ id: c.issueId, score: indexScore(partsOf(c), unaligned, context.titleWeight, ageOf(c)) }))
    .sort(byScoreThenId);
  if (options.alignmentWeight > 0) {
    const rarity = context.rarity ?? (() => 1);
    const align = (frames: string[]) =>
      options.alignment === "lcs"
        ? frameAlignment(queryFrames, frames)
        : traceSim(queryFrames, frames, rarity);
    const total = 1 + context.titleWeight + options.alignmentWeight;
    const head = ranked.slice(0, options.candidates).map(({ id }) => {
      const c = byId.get(id) as SimilarCandidate;
      const parts = { ...partsOf(c), alignment: align(c.frames ?? []) };
      return { id, score: indexScore(parts, options, context.titleWeight, ageOf(c)) };
    });
    const tail = ranked
      .slice(options.candidates)
      .map(({ id, score }) => ({ id, score: (score * (1 + context.titleWeight)) / total }));
    ranked = [...head, ...tail].sort(byScoreThenId);
  }
  const spelling = wordSpelling(query, options.terms.stemWords);
  return ranked.slice(0, limit).map(({ id, score }) => ({
    issueId: id,
    score,
    why: whyOf(byId.get(id) as SimilarCandidate, frameOrder, spelling),
  }));
}

/** Each indexed message word (a stem) as the query's own message spells it, for showing. */
function wordSpelling(query: TraceInput[], stem: boolean): Map<string, string> {
  const spelling = new Map<string, string>();
  for (const { message } of query) {
    for (const word of messageWords(message ?? "")) {
      const term = searchWord(word, stem);
      if (!spelling.has(term)) spelling.set(term, word);
    }
  }
  return spelling;
}

function whyOf(
  candidate: SimilarCandidate,
  frameOrder: Map<string, number>,
  spelling: Map<string, string>,
): SimilarIssueWhy {
  const of = (prefix: string) =>
    candidate.sharedTerms.filter((t) => t.startsWith(prefix)).map((t) => t.slice(2));
  return {
    sharedFrames: of("f:")
      .sort((a, b) => (frameOrder.get(a) ?? Infinity) - (frameOrder.get(b) ?? Infinity))
      .slice(0, WHY_FRAMES),
    exception: candidate.sharedTerms.some((t) => t.startsWith("e:")),
    messageWords: of("w:")
      .map((term) => spelling.get(term) ?? term)
      .sort(),
  };
}

/** The state of an issue the duplicate rule reads. */
export type DuplicateSide = { id: string; status: string; firstSeen: Date };

/**
 * The score from which an open issue is called a likely duplicate of an open match seen before it:
 * in effect, the same frames, exception and title words within a few weeks (recency scales the
 * score). Chosen on the benchmark's development split (`npm run tune:duplicate`, docs/benchmarks.md)
 * with the score the product computes (title, recency, projects): no score reached 90% precision
 * against its duplicate labels (which miss many true duplicates), so the most precise one was taken.
 * Depends on the scoring in lib/analysis/similarity: re-run the tuning when that changes.
 */
export const LIKELY_DUPLICATE_SCORE = 0.95;

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
