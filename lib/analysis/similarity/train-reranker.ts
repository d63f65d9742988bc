import type { PairFeature, PairFeatures } from "./pair-features";

/** One query's candidates (their features) and which of them is the true match. */
export type RankingExample = { candidates: PairFeatures[]; truth: number };

const MAX_ITERATIONS = 100;

/**
 * Weights of a conditional logit (a softmax over each query's candidates, as in learning-to-rank
 * re-rankers of stack traces): maximises the summed log-probability that each query's true match
 * ranks first, with an L2 penalty `l2 · |w|² / 2`. Newton's method with step halving: convex, so
 * the result depends only on the examples (deterministic, no seed). O(iterations × pairs × d²).
 */
export function trainReranker(
  examples: RankingExample[],
  features: readonly PairFeature[],
  l2 = 1,
): Record<PairFeature, number> {
  const d = features.length;
  const rows = examples
    .filter((e) => e.truth >= 0 && e.truth < e.candidates.length)
    .map((e) => ({ x: e.candidates.map((c) => features.map((f) => c[f])), truth: e.truth }));
  let w = new Array<number>(d).fill(0);
  const loss = (weights: number[]) => {
    let sum = (l2 / 2) * weights.reduce((s, v) => s + v * v, 0);
    for (const { x, truth } of rows) {
      const z = x.map((row) => dot(row, weights));
      const max = Math.max(...z);
      sum += max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0)) - (z[truth] ?? 0);
    }
    return sum;
  };
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gradient = w.map((v) => l2 * v);
    const hessian = Array.from({ length: d }, (_, i) =>
      Array.from({ length: d }, (_, j) => (i === j ? l2 : 0)),
    );
    for (const { x, truth } of rows) {
      const z = x.map((row) => dot(row, w));
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const total = e.reduce((s, v) => s + v, 0);
      const p = e.map((v) => v / total);
      const mean = Array.from({ length: d }, (_, k) =>
        x.reduce((s, row, i) => s + (p[i] ?? 0) * (row[k] ?? 0), 0),
      );
      const target = x[truth] ?? [];
      for (let k = 0; k < d; k++) {
        gradient[k] = (gradient[k] ?? 0) + (mean[k] ?? 0) - (target[k] ?? 0);
        for (let l = 0; l < d; l++) {
          let second = 0;
          for (let i = 0; i < x.length; i++) second += (p[i] ?? 0) * (x[i]?.[k] ?? 0) * (x[i]?.[l] ?? 0);
          const row = hessian[k] ?? [];
          row[l] = (row[l] ?? 0) + second - (mean[k] ?? 0) * (mean[l] ?? 0);
        }
      }
    }
    const step = solve(hessian, gradient);
    const before = loss(w);
    let scale = 1;
    let next = w.map((v, k) => v - scale * (step[k] ?? 0));
    while (loss(next) > before && scale > 1e-6) {
      scale /= 2;
      next = w.map((v, k) => v - scale * (step[k] ?? 0));
    }
    const moved = Math.max(...next.map((v, k) => Math.abs(v - (w[k] ?? 0))));
    w = next;
    if (moved < 1e-9) break;
  }
  return Object.fromEntries(features.map((f, k) => [f, w[k] ?? 0])) as Record<PairFeature, number>;
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

/** Gaussian elimination with partial pivoting; the L2 term keeps the matrix positive definite. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const top = a[col] ?? [];
    for (let r = col + 1; r < n; r++) {
      const row = a[r] ?? [];
      const factor = (row[col] ?? 0) / (top[col] ?? 1);
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (top[c] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] ?? [];
    let sum = row[n] ?? 0;
    for (let c = r + 1; c < n; c++) sum -= (row[c] ?? 0) * (x[c] ?? 0);
    x[r] = sum / (row[r] ?? 1);
  }
  return x;
}

// All the pair features: in `npm run eval:cv -- --only rerank` this set did best of the three tried
// (docs/benchmarks.md), though not enough to switch the re-ranker on by default.
export const RERANK_FEATURES: readonly PairFeature[] = [
  "base",
  "sameProject",
  "message",
  "exception",
  "prefix",
  "traceSim",
];
export const RERANK_L2 = 1;
