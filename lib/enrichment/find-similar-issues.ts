import { isLikelyDuplicate, rankSimilarIssues, type SimilarMatch } from "@/lib/analysis/rank-similar-issues";
import { probeTerms, queryWeights } from "@/lib/analysis/similar-issue-terms";
import { idf, titleWeightFor } from "@/lib/analysis/similarity/index-score";
import type { SimilarityOptions } from "@/lib/analysis/similarity/similarity-index";
import { stackTerms, type TraceInput, titleTerms } from "@/lib/analysis/similarity/stack-terms";
import type { Database } from "@/lib/db/connect";
import { readTermFrequencies, searchCandidates } from "@/lib/db/queries/similarity-index";

// A query reads the postings of its rarest terms up to this many rows: ~20 ms of index reads at
// 100,000 issues (npm run bench:similar-index). Candidates are then scored on every shared term.
const POSTING_BUDGET = 20_000;

export type FoundSimilar = SimilarMatch & { status: string; firstSeen: Date };

/** The issue searched for: its stack, its title and when it was first seen. */
export type SimilarQuery = { issueId: string; traces: TraceInput[]; title: string; firstSeen: Date };

/**
 * The `limit` indexed issues most like the query, in any project, best first, scored as
 * SimilarityIndex.search scores them (stack and title cosines, the cross-project penalty, recency,
 * the alignment when enabled; lib/analysis/similarity/index-score.ts): candidates and term
 * statistics from the inverted index in SQL, the score computed here. Excludes the issue itself.
 * Two statements (three with the "tracesim" alignment, for its frames' IDF).
 */
export async function findSimilarIssues(
  db: Database,
  { issueId, traces, title, firstSeen }: SimilarQuery,
  options: SimilarityOptions,
  limit: number,
): Promise<FoundSimilar[]> {
  // The learned re-ranker reads features of both sides the SQL index does not keep.
  if (options.rerank)
    throw new Error("the SQL similar-issue index does not re-rank: options.rerank must be unset");
  const titleWeight = titleWeightFor(options, title.trim() !== "");
  const stack = stackTerms(traces, options.terms);
  const words = titleWeight > 0 ? titleTerms(title, options.terms) : new Map<string, number>();
  if (stack.size === 0 && words.size === 0) return [];
  const stats = await readTermFrequencies(db, [...stack.keys(), ...words.keys()]);
  const query = new Map([
    ...queryWeights(stack, { ...stats, spread: options.projectSpread ?? 0 }, options.unseenInNorm),
    ...queryWeights(words, stats, options.unseenInNorm),
  ]);
  const probeWeight = (term: string) => (term.startsWith("t:") ? titleWeight : 1);
  const candidates = await searchCandidates(db, {
    excludeIssueId: issueId,
    query,
    probe: probeTerms(query, stats.frequency, POSTING_BUDGET),
    probeWeight,
    limit: Math.max(limit, options.candidates),
    withFrames: options.alignmentWeight > 0,
  });
  const rarity =
    options.alignmentWeight > 0 && options.alignment !== "lcs"
      ? await frameRarity(db, candidates, traces)
      : undefined;
  const byId = new Map(candidates.map((c) => [c.issueId, c]));
  const ranked = rankSimilarIssues(
    traces,
    candidates.map((c) => ({ ...c, at: c.firstSeen.getTime() })),
    options,
    limit,
    { titleWeight, at: firstSeen.getTime(), ...(rarity ? { rarity } : {}) },
  );
  return ranked.map((match) => {
    const candidate = byId.get(match.issueId);
    return {
      ...match,
      status: candidate?.status ?? "unresolved",
      firstSeen: candidate?.firstSeen ?? new Date(0),
    };
  });
}

/** SimilarityIndex's frame rarity for the alignment: the frame's IDF over the largest IDF. */
async function frameRarity(db: Database, candidates: { frames?: string[] }[], traces: TraceInput[]) {
  const frames = new Set([...traces.flatMap((t) => t.frames), ...candidates.flatMap((c) => c.frames ?? [])]);
  const { documents, frequency } = await readTermFrequencies(
    db,
    [...frames].map((f) => `f:${f}`),
  );
  return (frame: string) => idf(documents, frequency.get(`f:${frame}`) ?? 0) / idf(documents, 0);
}

/** Each match as a pair both ways, flagged where one is a likely duplicate of the other. */
export function similarPairs(
  issue: { id: string; status: string; firstSeen: Date },
  found: FoundSimilar[],
  threshold?: number,
) {
  const pair = (from: typeof issue, to: typeof issue, match: FoundSimilar) => ({
    issueId: from.id,
    similarId: to.id,
    score: match.score,
    why: match.why,
    duplicate: isLikelyDuplicate(from, to, match.score, threshold),
  });
  return {
    forward: found.map((m) => pair(issue, { id: m.issueId, ...m }, m)),
    reverse: found.map((m) => pair({ id: m.issueId, ...m }, issue, m)),
  };
}
