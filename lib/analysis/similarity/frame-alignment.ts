// How well two stacks line up frame by frame, in [0, 1]: a longest-common-subsequence alignment
// in which a matched frame counts more the nearer it is to the top of both stacks (the idea of
// TraceSim, Rodrigues et al. 2022, without its learned parameters). TF-IDF sees which frames two
// stacks share; this also sees whether they are shared in the same order near the crash site.

const DECAY = 0.1;

const weightAt = (position: number) => Math.exp(-DECAY * position);

/** O(a × b); callers cap stack depth (the top 50 frames say all that matters). */
export function frameAlignment(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // dp[j] holds the best weighted alignment of a[0..i) with b[0..j).
  let previous = new Float64Array(b.length + 1);
  let current = new Float64Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const match =
        a[i - 1] === b[j - 1]
          ? (previous[j - 1] ?? 0) +
            Math.max(weightAt(i - 1), weightAt(j - 1)) * (1 - Math.abs(i - j) / (a.length + b.length))
          : 0;
      current[j] = Math.max(match, previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  const best = previous[b.length] ?? 0;
  let possible = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k++) possible += weightAt(k);
  return possible === 0 ? 0 : Math.min(1, best / possible);
}
