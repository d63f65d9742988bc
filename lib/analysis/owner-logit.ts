// A multinomial logistic regression (softmax) from an issue's owner terms to its label: where kNN
// votes read the few nearest past issues, this weighs every term by how well it told the labels
// apart over all of them (a package that always went to one team, a title word that never did).
// L2-regularised and fitted by accelerated gradient descent from zero: convex, so the weights
// depend only on the examples and the settings (deterministic, no seed).

export type LogitOptions = {
  /** L2 penalty λ on the weights (not the biases), per example: the loss is mean CE + λ/2·|W|². */
  l2: number;
  iterations: number;
};

export const DEFAULT_LOGIT: LogitOptions = { l2: 1e-3, iterations: 300 };

export type LogitModel = {
  labels: string[];
  /** Term → column; terms no example had are ignored at prediction. */
  columns: Map<string, number>;
  /** labels × (columns + 1), the last column the bias. */
  weights: Float64Array;
};

type SparseRow = { index: Int32Array; value: Float64Array };

function sparse(x: Map<string, number>, columns: Map<string, number>): SparseRow {
  const entries = [...x].flatMap(([term, v]) => {
    const column = columns.get(term);
    return column === undefined || v === 0 ? [] : [[column, v] as const];
  });
  return {
    index: Int32Array.from(entries.map((e) => e[0])),
    value: Float64Array.from(entries.map((e) => e[1])),
  };
}

/** Softmax of the row's logits under `weights`, written into `out`. */
function probabilities(
  weights: Float64Array,
  row: SparseRow,
  labels: number,
  width: number,
  out: Float64Array,
) {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < labels; k++) {
    const base = k * width;
    let z = weights[base + width - 1] ?? 0;
    for (let j = 0; j < row.index.length; j++)
      z += (weights[base + (row.index[j] ?? 0)] ?? 0) * (row.value[j] ?? 0);
    out[k] = z;
    if (z > max) max = z;
  }
  let total = 0;
  for (let k = 0; k < labels; k++) {
    const e = Math.exp((out[k] ?? 0) - max);
    out[k] = e;
    total += e;
  }
  for (let k = 0; k < labels; k++) out[k] = (out[k] ?? 0) / total;
}

/**
 * Fits the model on `examples` (feature vectors, e.g. L2-normalised TF-IDF, and their labels).
 * Nesterov's accelerated gradient with step 1 / (max |x|² + 1 + λ), a bound on the loss's
 * curvature, so no step size to tune. O(iterations × (Σ nnz × labels + labels × terms)).
 */
export function trainLogit(
  examples: { x: Map<string, number>; label: string }[],
  options: LogitOptions = DEFAULT_LOGIT,
): LogitModel {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const columns = new Map<string, number>();
  for (const e of examples)
    for (const term of e.x.keys()) if (!columns.has(term)) columns.set(term, columns.size);
  const width = columns.size + 1;
  const rows = examples.map((e) => ({ row: sparse(e.x, columns), y: labelIndex.get(e.label) ?? 0 }));
  const L = labels.length;
  const weights = new Float64Array(L * width);
  if (L < 2 || rows.length === 0) return { labels, columns, weights };
  let radius = 0;
  for (const { row } of rows)
    radius = Math.max(
      radius,
      row.value.reduce((s, v) => s + v * v, 0),
    );
  const step = 1 / (radius + 1 + options.l2);
  const n = rows.length;
  const lookahead = new Float64Array(weights);
  let current = weights;
  const gradient = new Float64Array(L * width);
  const p = new Float64Array(L);
  for (let t = 1; t <= options.iterations; t++) {
    gradient.fill(0);
    for (const { row, y } of rows) {
      probabilities(lookahead, row, L, width, p);
      for (let k = 0; k < L; k++) {
        const residual = ((p[k] ?? 0) - (k === y ? 1 : 0)) / n;
        if (residual === 0) continue;
        const base = k * width;
        for (let j = 0; j < row.index.length; j++) {
          const at = base + (row.index[j] ?? 0);
          gradient[at] = (gradient[at] ?? 0) + residual * (row.value[j] ?? 0);
        }
        gradient[base + width - 1] = (gradient[base + width - 1] ?? 0) + residual;
      }
    }
    const next = new Float64Array(L * width);
    for (let i = 0; i < next.length; i++) {
      const bias = i % width === width - 1;
      const g = (gradient[i] ?? 0) + (bias ? 0 : options.l2 * (lookahead[i] ?? 0));
      next[i] = (lookahead[i] ?? 0) - step * g;
    }
    const momentum = (t - 1) / (t + 2);
    for (let i = 0; i < next.length; i++) {
      lookahead[i] = (next[i] ?? 0) + momentum * ((next[i] ?? 0) - (current[i] ?? 0));
    }
    current = next;
  }
  return { labels, columns, weights: current };
}

/** Each label's probability for `x`, labels in the model's order. */
export function predictLogit(model: LogitModel, x: Map<string, number>): Map<string, number> {
  const L = model.labels.length;
  if (L === 0) return new Map();
  if (L === 1) return new Map([[model.labels[0] ?? "", 1]]);
  const p = new Float64Array(L);
  probabilities(model.weights, sparse(x, model.columns), L, model.columns.size + 1, p);
  return new Map(model.labels.map((label, k) => [label, p[k] ?? 0]));
}
