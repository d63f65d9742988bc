import { messageWords, type TraceInput } from "./similarity/stack-terms";
import { TfIdfIndex } from "./similarity/tfidf-index";

/** A past issue whose owner the team settled (assignment or correction), `at` in epoch ms. */
export type OwnerExample = { id: string; label: string; at: number; traces: TraceInput[]; text: string };

export type OwnerQuery = { traces: TraceInput[]; text: string; at: number };

export type OwnerGuess = { label: string; score: number; backing: string[] };

export type OwnerOptions = {
  /** Nearest past issues that vote. */
  neighbours: number;
  /** A past issue's vote halves every this many days before the query (teams and code move). */
  halfLifeDays: number;
  /** Weight of the label's mean similarity (its centroid) next to the neighbours' votes. */
  centroidWeight: number;
};

export const DEFAULT_OWNER_OPTIONS: OwnerOptions = { neighbours: 10, halfLifeDays: 730, centroidWeight: 1 };

const DAY_MS = 86_400_000;

/**
 * The terms an owner is recognised by: where it broke (frames, classes, packages — code areas map
 * to teams), what broke (exception, message words) and how people described it (title words).
 */
export function ownerTerms(traces: TraceInput[], text: string): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
  for (const trace of traces) {
    if (trace.exception) add(`e:${trace.exception}`, 1);
    for (const word of messageWords(trace.message ?? "")) add(`w:${word}`, 0.5);
    for (const frame of trace.frames.slice(0, 50)) {
      add(`f:${frame}`, 1);
      const parts = frame.split(".");
      add(`c:${parts.slice(0, -1).join(".")}`, 1);
      add(`p:${parts.slice(0, -2).join(".")}`, 1);
    }
  }
  for (const word of messageWords(text)) add(`s:${word}`, 1);
  // Log-scaled counts so a long stack or a repeated package does not drown the title.
  for (const [term, count] of terms) terms.set(term, 1 + Math.log(count));
  return terms;
}

/**
 * Names the likely owner of a new issue from the owners of similar past ones: TF-IDF cosine over
 * `ownerTerms`, the nearest neighbours voting by similarity × recency, plus each label's mean
 * similarity over all its past issues (a centroid, steadier for teams with many small issues).
 * Labels are ranked; each comes with the past issues that back it.
 */
export class LearnedOwner {
  private readonly index = new TfIdfIndex();
  private readonly examples = new Map<string, OwnerExample>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: OwnerOptions = DEFAULT_OWNER_OPTIONS) {}

  get size(): number {
    return this.examples.size;
  }

  /** Records a settled owner; a later correction of the same issue replaces the earlier label. */
  learn(example: OwnerExample): void {
    const previous = this.examples.get(example.id);
    if (previous) {
      this.counts.set(previous.label, (this.counts.get(previous.label) ?? 1) - 1);
    } else {
      this.index.add(example.id, ownerTerms(example.traces, example.text));
    }
    this.examples.set(example.id, example);
    this.counts.set(example.label, (this.counts.get(example.label) ?? 0) + 1);
  }

  predict(query: OwnerQuery, limit: number): OwnerGuess[] {
    const matches = this.index.search(ownerTerms(query.traces, query.text), this.examples.size);
    const scores = new Map<string, { vote: number; sum: number; backing: string[] }>();
    const entry = (label: string) => {
      const found = scores.get(label) ?? { vote: 0, sum: 0, backing: [] };
      scores.set(label, found);
      return found;
    };
    matches.forEach((match, rank) => {
      const example = this.examples.get(match.id);
      if (!example) return;
      const e = entry(example.label);
      e.sum += match.score;
      if (rank < this.options.neighbours) {
        const ageDays = Math.max(0, query.at - example.at) / DAY_MS;
        e.vote += match.score * 0.5 ** (ageDays / this.options.halfLifeDays);
        e.backing.push(example.id);
      }
    });
    const total = this.examples.size || 1;
    const ranked = [...this.counts]
      .filter(([, count]) => count > 0)
      .map(([label, count]) => {
        const e = scores.get(label);
        const centroid = e ? e.sum / count : 0;
        // The share of past issues breaks ties (and ranks labels no similar issue backs).
        const score = (e?.vote ?? 0) + this.options.centroidWeight * centroid + 1e-6 * (count / total);
        return { label, score, backing: e?.backing ?? [] };
      })
      .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    return ranked.slice(0, limit);
  }
}
