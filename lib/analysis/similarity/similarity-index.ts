import { frameAlignment } from "./frame-alignment";
import { indexScore, titleWeightFor } from "./index-score";
import { type PairFeatures, type PairSide, pairFeatures, pairSide } from "./pair-features";
import { type Reranker, rerankScore } from "./reranker";
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
  /**
   * A stack term's weight is divided by (number of projects it occurs in)^projectSpread: frames
   * shared across projects (test harnesses, RPC plumbing) match unrelated bugs (0: projects ignored).
   */
  projectSpread?: number;
  /**
   * A query's terms that no indexed issue holds still count in its norm (stack and title alike), so
   * its score says how much of it was seen before, not only how well the seen part matches.
   */
  unseenInNorm?: boolean;
  /** Re-scores the best candidates by the features of each pair (undefined: the index's order). */
  rerank?: Reranker;
};

/**
 * What is known of an issue besides its stack: its title, when it was first seen (epoch ms) and
 * the project it belongs to.
 */
export type IssueContext = { title?: string; at?: number; project?: string };

// Chosen by cross-validation inside the benchmark's development split (`npm run eval:cv`,
// docs/benchmarks.md): titles, time and the cross-project penalty help; counting a query's unseen
// terms in its norm lifts new-vs-seen detection on every fold at no cost to ranking, and with it
// the title's weight was re-chosen (0.75); the alignment re-rank and the learned pair re-ranker
// (`rerank`, DEFAULT_RERANKER) did not beat them there, so they stay available but off.
export const DEFAULT_SIMILARITY: SimilarityOptions = {
  candidates: 50,
  alignmentWeight: 0,
  terms: DEFAULT_TERM_WEIGHTS,
  titleWeight: 0.75,
  alignment: "tracesim",
  recency: { weight: 1, halfLifeDays: 180 },
  projectSpread: 0.25,
  unseenInNorm: true,
};

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
  private readonly tfidf: TfIdfIndex;
  private readonly titles: TfIdfIndex;
  private readonly frames = new Map<string, string[]>();
  private readonly seenAt = new Map<string, number>();
  private readonly sides = new Map<string, PairSide>();
  private readonly options: SimilarityOptions;

  constructor(options: SimilarityOptions = DEFAULT_SIMILARITY) {
    this.options = { ...DEFAULT_SIMILARITY, ...options };
    const unseen = this.options.unseenInNorm ?? false;
    this.tfidf = new TfIdfIndex(this.options.projectSpread ?? 0, unseen);
    this.titles = new TfIdfIndex(0, unseen);
  }

  get size(): number {
    return this.tfidf.size;
  }

  add(id: string, traces: TraceInput[], { title = "", at, project }: IssueContext = {}): void {
    this.tfidf.add(id, stackTerms(traces, this.options.terms), project);
    if ((this.options.titleWeight ?? 0) > 0) this.titles.add(id, titleTerms(title, this.options.terms));
    if (at !== undefined) this.seenAt.set(id, at);
    this.frames.set(id, alignedFrames(traces));
    this.sides.set(id, pairSide(traces, project));
  }

  /**
   * The `limit` best matches. With `rerank`, its best `candidates` by the index's score are
   * re-scored by `rerankScore`; the rest keep their order below them.
   */
  search(traces: TraceInput[], limit: number, context: IssueContext = {}): Match[] {
    const ranked = this.indexRanking(traces, context);
    const rerank = this.options.rerank;
    if (!rerank) return ranked.slice(0, limit);
    const head = this.pairsOf(traces, ranked.slice(0, rerank.candidates), context, rerank)
      .map(({ id, features }) => ({ id, score: rerankScore(rerank.weights, features) }))
      .sort(byScore);
    const tail = ranked.slice(rerank.candidates);
    // Below the head, in the index's order: scaled so none passes the lowest re-scored candidate.
    const floor = Math.min(...head.map((m) => m.score));
    const pivot = ranked[rerank.candidates - 1]?.score ?? 0;
    const scale = pivot > 0 ? Math.min(1, floor / pivot) : 0;
    return [...head, ...tail.map((m) => ({ id: m.id, score: m.score * scale }))].slice(0, limit);
  }

  /** The index's best `limit` matches, each with its pair features (for training the re-ranker). */
  candidatePairs(
    traces: TraceInput[],
    limit: number,
    context: IssueContext = {},
  ): { id: string; features: PairFeatures }[] {
    return this.pairsOf(traces, this.indexRanking(traces, context).slice(0, limit), context);
  }

  private pairsOf(traces: TraceInput[], matches: Match[], { project }: IssueContext, rerank?: Reranker) {
    const query = pairSide(traces, project);
    const maxIdf = this.tfidf.idf("");
    const rarity = (frame: string) => this.tfidf.idf(`f:${frame}`) / maxIdf;
    const withTraceSim = rerank === undefined || (rerank.weights.traceSim ?? 0) !== 0;
    return matches.map(({ id, score }) => ({
      id,
      features: pairFeatures(query, this.sides.get(id) ?? pairSide([]), score, rarity, withTraceSim),
    }));
  }

  /** Every indexed stack sharing a term with the query, by the index's score in [0, 1], best first. */
  private indexRanking(traces: TraceInput[], { title = "", at }: IssueContext): Match[] {
    // A query without a title is scored on the stack alone, on the same [0, 1] scale.
    const titleWeight = titleWeightFor(this.options, title.trim() !== "");
    // Every document sharing a term is scored, so the two cosines can be added exactly.
    const parts = new Map<string, { stack: number; title: number }>();
    for (const m of this.tfidf.search(stackTerms(traces, this.options.terms), this.tfidf.size)) {
      parts.set(m.id, { stack: m.score, title: 0 });
    }
    if (titleWeight > 0) {
      for (const m of this.titles.search(titleTerms(title, this.options.terms), this.titles.size)) {
        parts.set(m.id, { stack: parts.get(m.id)?.stack ?? 0, title: m.score });
      }
    }
    const ageOf = (id: string) => {
      const then = this.seenAt.get(id);
      return at === undefined || then === undefined ? undefined : at - then;
    };
    const noAlignment = { ...this.options, alignmentWeight: 0 };
    const ranked = [...parts]
      .map(([id, p]) => ({ id, score: indexScore(p, noAlignment, titleWeight, ageOf(id)), parts: p }))
      .sort(byScore);
    const { alignmentWeight, candidates } = this.options;
    if (alignmentWeight === 0) return ranked.map(({ id, score }) => ({ id, score }));
    // The alignment re-scores the best `candidates`; the rest keep their score on the same scale.
    const query = alignedFrames(traces);
    const maxIdf = this.tfidf.idf("");
    const rarity = (frame: string) => this.tfidf.idf(`f:${frame}`) / maxIdf;
    const align = (other: string[]) =>
      this.options.alignment === "lcs" ? frameAlignment(query, other) : traceSim(query, other, rarity);
    const unaligned = (score: number) => (score * (1 + titleWeight)) / (1 + titleWeight + alignmentWeight);
    const head = ranked.slice(0, candidates).map(({ id, parts: p }) => ({
      id,
      score: indexScore(
        { ...p, alignment: align(this.frames.get(id) ?? []) },
        this.options,
        titleWeight,
        ageOf(id),
      ),
    }));
    return [
      ...head,
      ...ranked.slice(candidates).map(({ id, score }) => ({ id, score: unaligned(score) })),
    ].sort(byScore);
  }
}
