import { messageWords, type TraceInput } from "./stack-terms";
import { traceSim } from "./trace-sim";

// What the candidate re-ranker reads of two stacks besides the index's score: one side computed
// once when a stack is indexed, the features of a pair when a query meets a candidate.
export type PairSide = {
  /** Frames of the whole chain, outermost exception first, capped (as the alignment reads them). */
  frames: string[];
  /** Frames of the innermost cause that has frames: where it really broke, top first. */
  rootFrames: string[];
  exceptions: Set<string>;
  words: Set<string>;
  /** The project (Sentry project, JIRA project) it was filed in, when known. */
  project?: string;
};

const MAX_FRAMES = 50;

export function pairSide(traces: TraceInput[], project?: string): PairSide {
  const withFrames = traces.filter((t) => t.frames.length > 0);
  return {
    frames: traces.flatMap((t) => t.frames).slice(0, MAX_FRAMES),
    rootFrames: (withFrames.at(-1)?.frames ?? []).slice(0, MAX_FRAMES),
    exceptions: new Set(traces.map((t) => t.exception).filter((e): e is string => !!e)),
    words: new Set(traces.flatMap((t) => messageWords(t.message ?? ""))),
    ...(project ? { project } : {}),
  };
}

export const PAIR_FEATURES = ["base", "sameProject", "message", "exception", "prefix", "traceSim"] as const;
export type PairFeature = (typeof PAIR_FEATURES)[number];

/**
 * Each in [0, 1]. `base`: the index's own score (stack and title cosines, recency); `sameProject`:
 * 1 when both were filed in the same project; `message` and `exception`: Jaccard of the chains'
 * message words and exception types; `prefix`: depth-weighted share of the root causes' frames equal
 * from the crash site down; `traceSim`: IDF- and depth-weighted edit-distance similarity of the frames.
 */
export type PairFeatures = Record<PairFeature, number>;

const jaccard = (a: Set<string>, b: Set<string>) => {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
};

/** Common prefix from the top, frame i weighing 1 / (1 + i), over the shorter stack's weight. */
export function commonPrefix(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  let kept = 0;
  let possible = 0;
  let matching = true;
  for (let i = 0; i < n; i++) {
    const w = 1 / (1 + i);
    possible += w;
    if (matching && a[i] === b[i]) kept += w;
    else matching = false;
  }
  return possible === 0 ? 0 : kept / possible;
}

/**
 * The pair's features. `rarity(frame)` in [0, 1] weighs frames for traceSim (IDF over its
 * maximum); traceSim, O(frames²), is computed only when `withTraceSim` (else 0).
 */
export function pairFeatures(
  query: PairSide,
  other: PairSide,
  base: number,
  rarity: (frame: string) => number,
  withTraceSim = true,
): PairFeatures {
  return {
    base,
    sameProject: query.project !== undefined && query.project === other.project ? 1 : 0,
    message: jaccard(query.words, other.words),
    exception: jaccard(query.exceptions, other.exceptions),
    prefix: commonPrefix(query.rootFrames, other.rootFrames),
    traceSim: withTraceSim ? traceSim(query.frames, other.frames, rarity) : 0,
  };
}
