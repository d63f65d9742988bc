import { termWeight } from "./similarity/index-score";
import type { TermVector, TraceInput } from "./similarity/stack-terms";
import type { Frame } from "./types";

// The bridge from Sift's stored events to lib/analysis/similarity, and the TF-IDF weighting of
// its inverted index in SQL. The weighting is TfIdfIndex's (lib/analysis/similarity/tfidf-index.ts,
// both through index-score.ts): a document is weighted with the IDF and project counts known when it
// was added, a query with the current ones, and the score is their cosine. similar-issue-terms.test.ts
// checks the two give the same scores.

/** What of an event the search reads: its frames (oldest first, cause first) and its exception. */
export type StackEvent = {
  frames: Frame[];
  exceptionType: string | null;
  exceptionValue: string | null;
  message: string | null;
};

/**
 * A frame as the similarity module names it, `module.function` (the benchmark's `pkg.Class.method`),
 * or `filename.function` where the SDK sent no module (JavaScript). Line numbers are left out: they
 * move with every edit. Null for a frame with no function and no place.
 */
export function frameKey(frame: Frame): string | null {
  const place = frame.module ?? frame.filename;
  if (!place && !frame.function) return null;
  return `${place ?? "?"}.${frame.function ?? "?"}`;
}

/**
 * The event as the similarity module's input: one trace, top (innermost) frame first. Sift stores
 * an event's frames flattened, cause first and primary last, so reversed the primary's crash site
 * leads, as in the benchmark. Empty when there is nothing to match on.
 */
export function traceInputOf(event: StackEvent): TraceInput[] {
  const frames = event.frames
    .map(frameKey)
    .filter((key): key is string => key !== null)
    .reverse();
  const message = event.exceptionValue ?? event.message;
  if (frames.length === 0 && !event.exceptionType && !message) return [];
  return [{ exception: event.exceptionType, message, frames }];
}

/**
 * What weighs a term: the number of indexed documents, how many hold each term and, with a
 * cross-project penalty `spread` > 0, in how many projects each occurs (absent: none).
 */
export type TermStatistics = {
  documents: number;
  frequency: ReadonlyMap<string, number>;
  projects?: ReadonlyMap<string, number>;
  spread?: number;
};

const weightOf = (term: string, stats: TermStatistics, df: number) =>
  termWeight(stats.documents, df, stats.projects?.get(term) ?? 0, stats.spread ?? 0);

function normalised(weights: Map<string, number>): Map<string, number> {
  let norm = 0;
  for (const w of weights.values()) norm += w * w;
  norm = Math.sqrt(norm);
  const out = new Map<string, number>();
  if (norm === 0) return out;
  for (const [term, w] of weights) out.set(term, w / norm);
  return out;
}

/**
 * A document's posting weights, tf·idf over its norm. The statistics must already count this
 * document (TfIdfIndex.add counts it before weighting). O(terms).
 */
export function documentWeights(terms: TermVector, stats: TermStatistics): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [term, tf] of terms)
    weights.set(term, tf * weightOf(term, stats, stats.frequency.get(term) ?? 1));
  const out = normalised(weights);
  // An all-zero document still gets its postings, as TfIdfIndex divides by a norm of 1.
  return out.size > 0 ? out : new Map([...terms.keys()].map((t) => [t, 0]));
}

/**
 * A query's weights over the terms some indexed document has (others cannot match), normalised so
 * a score is the cosine: over those terms alone, or, with `unseenInNorm`, over all of the query's
 * (TfIdfIndex's option). The statistics are the current ones. O(terms).
 */
export function queryWeights(
  terms: TermVector,
  stats: TermStatistics,
  unseenInNorm = false,
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [term, tf] of terms) {
    const df = stats.frequency.get(term) ?? 0;
    if (df > 0 || unseenInNorm) weights.set(term, tf * weightOf(term, stats, df));
  }
  const out = normalised(weights);
  for (const term of out.keys()) if ((stats.frequency.get(term) ?? 0) === 0) out.delete(term);
  return out;
}

/**
 * The query terms whose postings are read to find candidates: rarest first, until reading another
 * would pass `postingBudget` rows (at least `minTerms` of them). Rare terms carry most of the
 * score, and a term every issue has (a thread's run loop) would make the read as long as the
 * index; the candidates are then scored on all their shared terms, so only who is a candidate
 * depends on this cut, not anyone's score.
 */
export function probeTerms(
  query: ReadonlyMap<string, number>,
  frequency: ReadonlyMap<string, number>,
  postingBudget: number,
  minTerms = 3,
): string[] {
  const byRarity = [...query.keys()].sort(
    (a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const chosen: string[] = [];
  let postings = 0;
  for (const term of byRarity) {
    const df = frequency.get(term) ?? 0;
    if (chosen.length >= minTerms && postings + df > postingBudget) break;
    chosen.push(term);
    postings += df;
  }
  return chosen;
}
