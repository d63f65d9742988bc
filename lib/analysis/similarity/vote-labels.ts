import type { Match } from "./tfidf-index";

/**
 * Labels (owners, components) ranked by the similarity-weighted votes of the `k` most similar past
 * stacks that carry one: "what the team did with the most similar past issues". Ties go to the
 * label whose best match scored higher, then by label text, so the order is stable.
 */
export function voteLabels(
  matches: Match[],
  labelOf: (id: string) => string | undefined,
  k: number,
): string[] {
  const votes = new Map<string, { total: number; best: number }>();
  let used = 0;
  for (const match of matches) {
    if (used >= k) break;
    const label = labelOf(match.id);
    if (label === undefined) continue;
    used += 1;
    const vote = votes.get(label) ?? { total: 0, best: 0 };
    vote.total += match.score;
    vote.best = Math.max(vote.best, match.score);
    votes.set(label, vote);
  }
  return [...votes]
    .sort(([a, va], [b, vb]) => vb.total - va.total || vb.best - va.best || (a < b ? -1 : a > b ? 1 : 0))
    .map(([label]) => label);
}
