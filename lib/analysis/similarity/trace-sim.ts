// TraceSim (Rodrigues et al. 2022) without its learned parameters: an edit distance between two
// stacks in which each frame costs its weight — high near the top of the stack and for rare frames
// (IDF), low for the run loops and framework entry points every crash shares — and a frame matched
// at a different depth costs a little of its weight. Similarity is the share of both stacks' weight
// the best alignment keeps, in [0, 1].

export type TraceSimOptions = {
  /** Position weight is 1 / (1 + depth)^positionDecay. */
  positionDecay: number;
  /** A matched frame shifted by d positions costs (1 − e^(−shiftPenalty·d)) of its weight. */
  shiftPenalty: number;
};

export const DEFAULT_TRACE_SIM: TraceSimOptions = { positionDecay: 1, shiftPenalty: 0.1 };

/**
 * O(a × b); callers cap stack depth. `rarity(frame)` is in [0, 1] (e.g. IDF over its maximum);
 * frames it does not know count as fully rare.
 */
export function traceSim(
  a: string[],
  b: string[],
  rarity: (frame: string) => number,
  options: TraceSimOptions = DEFAULT_TRACE_SIM,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  const weights = (stack: string[]) =>
    stack.map((frame, depth) => rarity(frame) / (1 + depth) ** options.positionDecay);
  const wa = weights(a);
  const wb = weights(b);
  const total = wa.reduce((s, w) => s + w, 0) + wb.reduce((s, w) => s + w, 0);
  if (total === 0) return 0;
  // previous[j] = cheapest alignment of a[0..i) with b[0..j).
  let previous = new Float64Array(b.length + 1);
  let current = new Float64Array(b.length + 1);
  for (let j = 1; j <= b.length; j++) previous[j] = (previous[j - 1] ?? 0) + (wb[j - 1] ?? 0);
  for (let i = 1; i <= a.length; i++) {
    const costA = wa[i - 1] ?? 0;
    current[0] = (previous[0] ?? 0) + costA;
    for (let j = 1; j <= b.length; j++) {
      const costB = wb[j - 1] ?? 0;
      const diagonal =
        a[i - 1] === b[j - 1]
          ? Math.max(costA, costB) * (1 - Math.exp(-options.shiftPenalty * Math.abs(i - j)))
          : costA + costB;
      current[j] = Math.min(
        (previous[j - 1] ?? 0) + diagonal,
        (previous[j] ?? 0) + costA,
        (current[j - 1] ?? 0) + costB,
      );
    }
    [previous, current] = [current, previous];
  }
  return Math.max(0, (total - (previous[b.length] ?? 0)) / total);
}
