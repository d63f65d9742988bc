import { idf, termWeight } from "./index-score";
import type { TermVector } from "./stack-terms";

export type Match = { id: string; score: number };

/**
 * An incremental TF-IDF index with cosine scoring over an inverted index, so a query touches only
 * documents that share a term with it. Documents are weighted with the IDF known when they were
 * added (cheap, and what an online system can afford); the query uses the current IDF. This is the
 * in-memory twin of the SQL inverted index planned in docs/architecture.md; the benchmark uses it directly.
 *
 * With a `spreadPenalty` α > 0, each document belongs to a scope (a project) and a term's weight is
 * also divided by (number of scopes it occurs in)^α: frames every project's stacks share (test
 * harnesses, RPC and thread plumbing) say less about which bug it is than their IDF alone suggests.
 */
export class TfIdfIndex {
  private readonly postings = new Map<string, { id: string; weight: number }[]>();
  private readonly df = new Map<string, number>();
  private readonly scopes = new Map<string, Set<string>>();
  private readonly norms = new Map<string, number>();
  private docs = 0;

  /**
   * `unseenInNorm`: a query's terms no document holds count in its norm (they cannot match, but a
   * stack made mostly of never-seen frames then scores low against everything).
   */
  constructor(
    private readonly spreadPenalty = 0,
    private readonly unseenInNorm = false,
  ) {}

  get size(): number {
    return this.docs;
  }

  idf(term: string): number {
    return idf(this.docs, this.df.get(term) ?? 0);
  }

  /** IDF scaled down by the number of scopes the term occurs in (unscaled without a penalty). */
  termWeight(term: string): number {
    return termWeight(
      this.docs,
      this.df.get(term) ?? 0,
      this.scopes.get(term)?.size ?? 0,
      this.spreadPenalty,
    );
  }

  add(id: string, terms: TermVector, scope = ""): void {
    if (this.norms.has(id)) throw new Error(`document ${id} is already indexed`);
    this.docs += 1;
    for (const term of terms.keys()) {
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
      if (this.spreadPenalty === 0) continue;
      const scopes = this.scopes.get(term) ?? new Set<string>();
      scopes.add(scope);
      this.scopes.set(term, scopes);
    }
    let norm = 0;
    const weighted: [string, number][] = [];
    for (const [term, tf] of terms) {
      const weight = tf * this.termWeight(term);
      weighted.push([term, weight]);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    this.norms.set(id, norm);
    for (const [term, weight] of weighted) {
      const list = this.postings.get(term) ?? [];
      list.push({ id, weight: weight / norm });
      this.postings.set(term, list);
    }
  }

  /** The `limit` best documents by cosine similarity to `terms`, best first (ties by id). */
  search(terms: TermVector, limit: number): Match[] {
    const query: [string, number][] = [];
    let norm = 0;
    for (const [term, tf] of terms) {
      const seen = this.postings.has(term);
      if (!seen && !this.unseenInNorm) continue;
      const weight = tf * this.termWeight(term);
      if (seen) query.push([term, weight]);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm === 0 || query.length === 0) return [];
    const scores = new Map<string, number>();
    for (const [term, weight] of query) {
      for (const posting of this.postings.get(term) ?? []) {
        scores.set(posting.id, (scores.get(posting.id) ?? 0) + (weight / norm) * posting.weight);
      }
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
  }
}
