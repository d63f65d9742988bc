import { documentWeights, queryWeights } from "./similar-issue-terms";
import type { TermVector } from "./similarity/stack-terms";

/** A post-mortem that shares at least one term with the query, with all of its terms. */
export type PostmortemCandidate = { postmortemId: number; terms: TermVector };

export type PostmortemMatch = {
  postmortemId: number;
  /** The cosine of the two tf·idf vectors, 0–1. */
  score: number;
  /** The terms both have (`e:`, `n:`, `p:`, `s:`, `w:`, `i:`), heaviest in the score first. */
  sharedTerms: string[];
};

/** The shared terms by kind, as a reader is told why a post-mortem matched; each list heaviest first. */
export type PostmortemWhy = {
  issues: string[];
  exceptions: string[];
  functions: string[];
  files: string[];
  services: string[];
  words: string[];
};

const WHY_KINDS: [prefix: string, key: keyof PostmortemWhy][] = [
  ["i:", "issues"],
  ["e:", "exceptions"],
  ["n:", "functions"],
  ["p:", "files"],
  ["s:", "services"],
  ["w:", "words"],
];

/** Shared terms grouped by kind, prefixes dropped; a function named both bare and `Class.fn` is kept once, qualified. */
export function postmortemWhy(sharedTerms: string[]): PostmortemWhy {
  const why: PostmortemWhy = {
    issues: [],
    exceptions: [],
    functions: [],
    files: [],
    services: [],
    words: [],
  };
  for (const term of sharedTerms) {
    const kind = WHY_KINDS.find(([prefix]) => term.startsWith(prefix));
    if (kind) why[kind[1]].push(term.slice(2));
  }
  why.functions = why.functions.filter(
    (fn) => fn.includes(".") || !why.functions.some((q) => q.endsWith(`.${fn}`)),
  );
  why.exceptions = why.exceptions.filter(
    (e) => !why.exceptions.some((q) => q !== e && (q.endsWith(`.${e}`) || q === `*${e}`)),
  );
  return why;
}

// Below this a match rests on a word or two of the service's vocabulary: not worth an engineer's read.
export const MIN_POSTMORTEM_SCORE = 0.08;

/**
 * The post-mortems most like an issue, best first (ties by id), scored as the similar-issue index
 * scores issues (similar-issue-terms.ts): tf·idf over the post-mortem corpus, each side normalised,
 * the score their cosine. `documents` counts the post-mortems and `frequency` how many hold each
 * term; both must count the candidates. One shared service or message words alone is not a match:
 * it takes the issue named, or two shared terms of which one is an exception, function or file.
 * O(candidates × terms).
 */
export function rankSimilarPostmortems(
  query: TermVector,
  candidates: PostmortemCandidate[],
  documents: number,
  frequency: ReadonlyMap<string, number>,
  limit: number,
): PostmortemMatch[] {
  const q = queryWeights(query, { documents, frequency });
  return candidates
    .map((candidate) => {
      const d = documentWeights(candidate.terms, { documents, frequency });
      const contributions: [string, number][] = [];
      for (const [term, weight] of q) {
        const other = d.get(term);
        if (other !== undefined) contributions.push([term, weight * other]);
      }
      contributions.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return {
        postmortemId: candidate.postmortemId,
        score: contributions.reduce((sum, [, c]) => sum + c, 0),
        sharedTerms: contributions.map(([term]) => term),
      };
    })
    .filter((m) => m.score >= MIN_POSTMORTEM_SCORE && isEvidence(m.sharedTerms))
    .sort((a, b) => b.score - a.score || a.postmortemId - b.postmortemId)
    .slice(0, limit);
}

function isEvidence(shared: string[]): boolean {
  if (shared.some((t) => t.startsWith("i:"))) return true;
  return shared.length >= 2 && shared.some((t) => /^[enp]:/.test(t));
}
