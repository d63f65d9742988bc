/** A small seeded generator (mulberry32): the same seed gives the same scenario on any machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  // Zipf-like: popular items (low index) come up far more often, as big customers do.
  const zipf = <T>(items: readonly T[]): T =>
    items[Math.min(items.length - 1, Math.floor(items.length * next() ** 2.5))] as T;
  const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join("");
  return { next, int, pick, zipf, hex, chance: (p: number) => next() < p };
}

export type Random = ReturnType<typeof seededRandom>;
