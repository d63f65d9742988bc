import { isLikelyDuplicate, rankSimilarIssues, type SimilarMatch } from "@/lib/analysis/rank-similar-issues";
import { probeTerms, queryWeights } from "@/lib/analysis/similar-issue-terms";
import type { SimilarityOptions } from "@/lib/analysis/similarity/similarity-index";
import { stackTerms, type TraceInput } from "@/lib/analysis/similarity/stack-terms";
import type { Database } from "@/lib/db/connect";
import { readTermFrequencies, searchCandidates } from "@/lib/db/queries/similarity-index";

// A query reads the postings of its rarest terms up to this many rows: ~20 ms of index reads at
// 100,000 issues (npm run bench:similar-index). Candidates are then scored on every shared term.
const POSTING_BUDGET = 20_000;

export type FoundSimilar = SimilarMatch & { status: string; firstSeen: Date };

/**
 * The `limit` indexed issues most like `traces`, in any project, best first, scored as
 * SimilarityIndex.search scores them: candidates from the inverted index in SQL, re-ranked here
 * by the similarity module. Excludes `issueId` itself. Two statements.
 */
export async function findSimilarIssues(
  db: Database,
  issueId: string,
  traces: TraceInput[],
  options: SimilarityOptions,
  limit: number,
): Promise<FoundSimilar[]> {
  const terms = stackTerms(traces, options.terms);
  if (terms.size === 0) return [];
  const { documents, frequency } = await readTermFrequencies(db, [...terms.keys()]);
  const query = queryWeights(terms, documents, frequency);
  const candidates = await searchCandidates(db, {
    excludeIssueId: issueId,
    query,
    probe: probeTerms(query, frequency, POSTING_BUDGET),
    limit: Math.max(limit, options.candidates),
    withFrames: options.alignmentWeight > 0,
  });
  const byId = new Map(candidates.map((c) => [c.issueId, c]));
  return rankSimilarIssues(traces, candidates, options, limit).map((match) => {
    const candidate = byId.get(match.issueId);
    return {
      ...match,
      status: candidate?.status ?? "unresolved",
      firstSeen: candidate?.firstSeen ?? new Date(0),
    };
  });
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
