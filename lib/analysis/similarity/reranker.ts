import type { PairFeature, PairFeatures } from "./pair-features";
import trained from "./reranker-weights.json";

/** The best `candidates` of the index are re-scored by the weighted features of each pair. */
export type Reranker = { candidates: number; weights: Partial<Record<PairFeature, number>> };

// Trained by `npm run train:reranker` on the benchmark's development split (docs/benchmarks.md).
// Not in DEFAULT_SIMILARITY: cross-validated inside that split it never beat the index's own order
// (against today's defaults: held-out MRR −0.023, RR@1 −0.033, T2 AUC −0.012), so that order stays
// the default; pass `rerank: DEFAULT_RERANKER` to use it.
// 30 candidates hold the true match for nearly every query the index finds at all.
export const DEFAULT_RERANKER: Reranker = { candidates: 30, weights: trained.weights };

/**
 * A pair's re-ranked score: Σ wᵢ·xᵢ / Σ |wᵢ|, in [0, 1] for features in [0, 1] and weights ≥ 0
 * (clamped otherwise), so it stays comparable across queries like the index's own score.
 */
export function rerankScore(weights: Reranker["weights"], features: PairFeatures): number {
  let sum = 0;
  let total = 0;
  for (const [name, w] of Object.entries(weights) as [PairFeature, number][]) {
    sum += w * features[name];
    total += Math.abs(w);
  }
  return total === 0 ? features.base : Math.min(1, Math.max(0, sum / total));
}
