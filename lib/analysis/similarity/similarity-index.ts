import { frameAlignment } from "./frame-alignment";
import {
  DEFAULT_TERM_WEIGHTS,
  stackTerms,
  type TermWeights,
  type TraceInput,
  titleTerms,
} from "./stack-terms";
import { type Match, TfIdfIndex } from "./tfidf-index";
import { traceSim } from "./trace-sim";

export type SimilarityOptions = {
  /** TF-IDF candidates re-ranked by frame alignment. */
  candidates: number;
  /** How much the frame alignment counts next to the stack's TF-IDF cosine (0: not computed). */
  alignmentWeight: number;
  terms: TermWeights;
  /** How much the cosine of the titles' words counts next to the stack's (0: titles ignored). */
  titleWeight?: number;
  /** "tracesim" (IDF- and depth-weighted edit distance) or "lcs" (the first, unweighted `frameAlignment`). */
  alignment?: "tracesim" | "lcs";
  /**
   * Same bug, same weeks: a match's score is scaled by (1 + weight · ½^(age / halfLifeDays)) / (1 + weight),
   * age being the time between the two issues (0 weight: time ignored).
   */
  recency?: { weight: number; halfLifeDays: number };
};

/** What is known of an issue besides its stack: its title and when it was first seen (epoch ms). */
export type IssueContext = { title?: string; at?: number };

// Chosen by cross-validation inside the benchmark's development split (`npm run eval:cv`,
// docs/benchmarks.md): titles and time help; the alignment re-rank did not beat them there, so it
// stays available but off (and search stays ~2× cheaper).
export const DEFAULT_SIMILARITY: SimilarityOptions = {
  candidates: 50,
  alignmentWeight: 0,
  terms: DEFAULT_TERM_WEIGHTS,
  titleWeight: 0.5,
  alignment: "tracesim",
  recency: { weight: 1, halfLifeDays: 180 },
};

const DAY_MS = 86_400_000;

const MAX_FRAMES = 50;

/** Frames of the whole exception chain, outermost exception first, capped for the O(n²) alignment. */
function alignedFrames(traces: TraceInput[]): string[] {
  return traces.flatMap((t) => t.frames).slice(0, MAX_FRAMES);
}

const byScore = (a: Match, b: Match) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Finds the stacks most like a new one among those seen before. Three signals, each in [0, 1]:
 * TF-IDF cosine over frames, classes, exception types and message words; TF-IDF cosine over the
 * titles' words; and, for the best `candidates` of those two, how well the frames align. The score
 * is their weighted mean, in [0, 1] and comparable across queries (for "new vs duplicate" thresholds).
 */
export class SimilarityIndex {
  private readonly tfidf = new TfIdfIndex();
  private readonly titles = new TfIdfIndex();
  private readonly frames = new Map<string, string[]>();
  private readonly seenAt = new Map<string, number>();
  private readonly options: SimilarityOptions;

  constructor(options: SimilarityOptions = DEFAULT_SIMILARITY) {
    this.options = { ...DEFAULT_SIMILARITY, ...options };
  }

  get size(): number {
    return this.tfidf.size;
  }

  add(id: string, traces: TraceInput[], { title = "", at }: IssueContext = {}): void {
    this.tfidf.add(id, stackTerms(traces, this.options.terms));
    if ((this.options.titleWeight ?? 0) > 0) this.titles.add(id, titleTerms(title));
    if (at !== undefined) this.seenAt.set(id, at);
    this.frames.set(id, alignedFrames(traces));
  }

  search(traces: TraceInput[], limit: number, { title = "", at }: IssueContext = {}): Match[] {
    // A query without a title is scored on the stack alone, on the same [0, 1] scale.
    const titleWeight = title.trim() === "" ? 0 : (this.options.titleWeight ?? 0);
    const { alignmentWeight, candidates } = this.options;
    const total = 1 + titleWeight + alignmentWeight;
    // Every document sharing a term is scored, so the two cosines can be added exactly.
    const combined = new Map<string, number>();
    for (const m of this.tfidf.search(stackTerms(traces, this.options.terms), this.tfidf.size)) {
      combined.set(m.id, m.score);
    }
    if (titleWeight > 0) {
      for (const m of this.titles.search(titleTerms(title), this.titles.size)) {
        combined.set(m.id, (combined.get(m.id) ?? 0) + titleWeight * m.score);
      }
    }
    const recency = this.options.recency ?? { weight: 0, halfLifeDays: 1 };
    const timed = (id: string, score: number) => {
      const then = this.seenAt.get(id);
      if (recency.weight === 0 || at === undefined || then === undefined) return score;
      const ageDays = Math.abs(at - then) / DAY_MS;
      return (score * (1 + recency.weight * 0.5 ** (ageDays / recency.halfLifeDays))) / (1 + recency.weight);
    };
    const ranked = [...combined].map(([id, score]) => ({ id, score: timed(id, score) })).sort(byScore);
    if (alignmentWeight === 0)
      return ranked.slice(0, limit).map((m) => ({ id: m.id, score: m.score / total }));
    const query = alignedFrames(traces);
    const maxIdf = this.tfidf.idf("");
    const rarity = (frame: string) => this.tfidf.idf(`f:${frame}`) / maxIdf;
    const align = (other: string[]) =>
      this.options.alignment === "lcs" ? frameAlignment(query, other) : traceSim(query, other, rarity);
    const head = ranked.slice(0, candidates).map(({ id, score }) => ({
      id,
      score: score + alignmentWeight * timed(id, align(this.frames.get(id) ?? [])),
    }));
    return [...head.sort(byScore), ...ranked.slice(candidates)]
      .sort(byScore)
      .slice(0, limit)
      .map((m) => ({ id: m.id, score: m.score / total }));
  }
}
