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
  /** The innermost cause's exception type, when there is one. */
  rootException?: string;
  /** `frames` as a set, for the depth-bucketed overlaps. */
  frameSet: Set<string>;
  words: Set<string>;
  /** The project (Sentry project, JIRA project) it was filed in, when known. */
  project?: string;
};

const MAX_FRAMES = 50;

export function pairSide(traces: TraceInput[], project?: string): PairSide {
  const withFrames = traces.filter((t) => t.frames.length > 0);
  const frames = traces.flatMap((t) => t.frames).slice(0, MAX_FRAMES);
  const rootException = traces.findLast((t) => t.exception)?.exception ?? undefined;
  return {
    frames,
    frameSet: new Set(frames),
    ...(rootException ? { rootException } : {}),
    rootFrames: (withFrames.at(-1)?.frames ?? []).slice(0, MAX_FRAMES),
    exceptions: new Set(traces.map((t) => t.exception).filter((e): e is string => !!e)),
    words: new Set(traces.flatMap((t) => messageWords(t.message ?? ""))),
    ...(project ? { project } : {}),
  };
}

export const PAIR_FEATURES = [
  "base",
  "sameProject",
  "message",
  "exception",
  "prefix",
  "traceSim",
  "topFrame",
  "rootException",
  "sharedTop",
  "sharedMiddle",
  "sharedDeep",
] as const;
export type PairFeature = (typeof PAIR_FEATURES)[number];

/**
 * Each in [0, 1]. `base`: the index's own score (stack and title cosines, recency); `sameProject`:
 * 1 when both were filed in the same project; `message` and `exception`: Jaccard of the chains'
 * message words and exception types; `prefix`: depth-weighted share of the root causes' frames equal
 * from the crash site down; `traceSim`: IDF- and depth-weighted edit-distance similarity of the frames;
 * `topFrame`: 1 when the root causes' top frames are equal; `rootException`: 1 when the root causes'
 * exception types are; `sharedTop` / `sharedMiddle` / `sharedDeep`: the rarity-weighted share of the
 * query's frames at depths 0–2 / 3–9 / 10+ that the other stack holds anywhere, so the re-ranker can
 * learn a weight per depth (as the learned frame weights of Shibaev et al. 2025, by depth band).
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

const DEPTH_BANDS = [
  [0, 3],
  [3, 10],
  [10, MAX_FRAMES],
] as const;

/** Rarity-weighted share of `query[from..to)` found anywhere in `other` (0 for an empty band). */
export function sharedInBand(
  query: string[],
  other: Set<string>,
  [from, to]: readonly [number, number],
  rarity: (frame: string) => number,
): number {
  let kept = 0;
  let possible = 0;
  for (const frame of query.slice(from, to)) {
    const w = rarity(frame);
    possible += w;
    if (other.has(frame)) kept += w;
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
    topFrame: query.rootFrames[0] !== undefined && query.rootFrames[0] === other.rootFrames[0] ? 1 : 0,
    rootException: query.rootException !== undefined && query.rootException === other.rootException ? 1 : 0,
    sharedTop: sharedInBand(query.frames, other.frameSet, DEPTH_BANDS[0], rarity),
    sharedMiddle: sharedInBand(query.frames, other.frameSet, DEPTH_BANDS[1], rarity),
    sharedDeep: sharedInBand(query.frames, other.frameSet, DEPTH_BANDS[2], rarity),
  };
}
