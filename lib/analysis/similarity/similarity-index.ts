import { frameAlignment } from "./frame-alignment";
import { DEFAULT_TERM_WEIGHTS, stackTerms, type TermWeights, type TraceInput } from "./stack-terms";
import { type Match, TfIdfIndex } from "./tfidf-index";

export type SimilarityOptions = {
  /** TF-IDF candidates re-ranked by frame alignment. */
  candidates: number;
  /** How much the alignment adds to the TF-IDF cosine (0: TF-IDF alone). */
  alignmentWeight: number;
  terms: TermWeights;
};

// Alignment re-ranking is off by default: on the benchmark's development split it did not beat
// TF-IDF alone (RR@1 0.623 vs 0.639 at weight 0.5, 122 queries) and made search ~5× slower; see
// docs/benchmarks.md and `npm run bench:similar`, which measures both.
export const DEFAULT_SIMILARITY: SimilarityOptions = {
  candidates: 50,
  alignmentWeight: 0,
  terms: DEFAULT_TERM_WEIGHTS,
};

const MAX_FRAMES = 50;

/** Frames of the whole exception chain, outermost exception first, capped for the O(n²) alignment. */
function alignedFrames(traces: TraceInput[]): string[] {
  return traces.flatMap((t) => t.frames).slice(0, MAX_FRAMES);
}

/**
 * Finds the stacks most like a new one among those seen before: TF-IDF over frames, classes,
 * exception types and message words picks candidates; frame alignment re-ranks them. Scores are
 * in [0, 1 + alignmentWeight] and comparable across queries (for "new vs duplicate" thresholds).
 */
export class SimilarityIndex {
  private readonly tfidf = new TfIdfIndex();
  private readonly frames = new Map<string, string[]>();

  constructor(private readonly options: SimilarityOptions = DEFAULT_SIMILARITY) {}

  get size(): number {
    return this.tfidf.size;
  }

  add(id: string, traces: TraceInput[], title?: string): void {
    this.tfidf.add(id, stackTerms(traces, this.options.terms));
    this.frames.set(id, alignedFrames(traces));
  }

  search(traces: TraceInput[], limit: number, title?: string): Match[] {
    const candidates = this.tfidf.search(
      stackTerms(traces, this.options.terms),
      Math.max(limit, this.options.candidates),
    );
    if (this.options.alignmentWeight === 0) return candidates.slice(0, limit);
    const query = alignedFrames(traces);
    return candidates
      .map(({ id, score }) => ({
        id,
        score: score + this.options.alignmentWeight * frameAlignment(query, this.frames.get(id) ?? []),
      }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
  }
}
