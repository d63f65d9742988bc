// The arithmetic of the similarity index's score, shared by the in-memory index the benchmark runs
// (SimilarityIndex, TfIdfIndex) and the product's SQL index (lib/enrichment/find-similar-issues.ts),
// so the two cannot drift: the database only supplies candidates and term statistics.

const DAY_MS = 86_400_000;

export type Recency = { weight: number; halfLifeDays: number };

/** The options the score reads (SimilarityOptions has them). */
export type ScoreOptions = { alignmentWeight: number; titleWeight?: number; recency?: Recency };

/** Smooth IDF, never zero, so a term every document has still counts a little. */
export const idf = (documents: number, documentFrequency: number) =>
  Math.log((documents + 1) / (documentFrequency + 1)) + 1;

/**
 * A term's weight: its IDF divided by (number of projects it occurs in)^spread (at least one
 * project), so frames every project's stacks share (test harnesses, RPC plumbing) count less.
 */
export function termWeight(documents: number, documentFrequency: number, projects: number, spread: number) {
  const weight = idf(documents, documentFrequency);
  return spread === 0 ? weight : weight * Math.max(1, projects) ** -spread;
}

/** The share of a score a match keeps at `ageMs` from the query (1 without a recency weight). */
export function recencyFactor(ageMs: number | undefined, recency: Recency | undefined): number {
  if (!recency || recency.weight === 0 || ageMs === undefined) return 1;
  const ageDays = Math.abs(ageMs) / DAY_MS;
  return (1 + recency.weight * 0.5 ** (ageDays / recency.halfLifeDays)) / (1 + recency.weight);
}

/** How much the title counts for a query: nothing when the query has no title words to compare. */
export const titleWeightFor = (options: ScoreOptions, queryHasTitle: boolean) =>
  queryHasTitle ? (options.titleWeight ?? 0) : 0;

/**
 * The index's score of one match, in [0, 1]: the weighted mean of the stack cosine, the title
 * cosine (weight `titleWeight`, already 0 for an untitled query) and, when computed, the frame
 * alignment, scaled by the recency factor.
 */
export function indexScore(
  parts: { stack: number; title: number; alignment?: number },
  options: ScoreOptions,
  titleWeight: number,
  ageMs: number | undefined,
): number {
  const total = 1 + titleWeight + options.alignmentWeight;
  const aligned = parts.alignment === undefined ? 0 : options.alignmentWeight * parts.alignment;
  return (
    (recencyFactor(ageMs, options.recency) * (parts.stack + titleWeight * parts.title + aligned)) / total
  );
}
