// The metrics of the stack-trace benchmark's protocol (../shared/bench/stacktraces/README.md),
// kept apart from the data loading so a hand-made dataset can check them.

/** Rank of the true group: 1 + the number of other groups scoring at least as high (ties count against). */
export function groupRank(groupScores: Map<string, number>, trueGroup: string, unseenGroups: number): number {
  const own = groupScores.get(trueGroup) ?? 0;
  // A true group never retrieved scores 0 and ranks after every group seen so far.
  if (own <= 0) return 1 + unseenGroups;
  let better = 0;
  for (const [group, score] of groupScores) if (group !== trueGroup && score >= own) better += 1;
  return 1 + better;
}

/** Best member score per group: a candidate list collapsed to groups. */
export function collapseToGroups(
  matches: { id: string; score: number }[],
  groupOf: (id: string) => string,
): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { id, score } of matches) {
    const group = groupOf(id);
    scores.set(group, Math.max(scores.get(group) ?? 0, score));
  }
  return scores;
}

export type RankSummary = { "RR@1": number; "RR@5": number; "RR@10": number; MRR: number; queries: number };

export function rankSummary(ranks: number[]): RankSummary {
  const n = ranks.length;
  const at = (k: number) => (n === 0 ? 0 : ranks.filter((r) => r <= k).length / n);
  return {
    "RR@1": at(1),
    "RR@5": at(5),
    "RR@10": at(10),
    MRR: n === 0 ? 0 : ranks.reduce((sum, r) => sum + 1 / r, 0) / n,
    queries: n,
  };
}

/** ROC-AUC as Mann-Whitney: the chance a random positive outscores a random negative, ties half. */
export function rocAuc(points: { score: number; positive: boolean }[]): number {
  const sorted = [...points].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]?.score === sorted[i]?.score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k]?.positive) {
        rankSum += averageRank;
        positives += 1;
      }
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of rows whose true label is among the first k predicted (a label never predicted is a miss). */
export function accuracyAt(rows: { label: string; predicted: string[] }[], k: number): number {
  if (rows.length === 0) return 0;
  return rows.filter((row) => row.predicted.slice(0, k).includes(row.label)).length / rows.length;
}
