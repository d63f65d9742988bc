import { DEFAULT_LOGIT, type LogitModel, predictLogit, trainLogit } from "./owner-logit";
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
  /** Weight of the cosine to the label's profile (all its issues as one document) next to the votes. */
  profileWeight: number;
  /**
   * Weight of the label's own name: the share of its words ("namenode" of "HDFS/namenode") found in
   * the title or the top frames' package and class names (0: names ignored).
   */
  nameWeight?: number;
  /**
   * Ownership drift: each label's score is multiplied by its share of the past issues weighted by
   * age (halving every `halfLifeDays` before the query) over its share of all of them, so a team
   * that took over an area lately gains and a retired component fades (undefined: off). Tried in
   * cross-validation (docs/benchmarks.md) and not on by default: it lost a fold. `power` (default 1)
   * softens the factor (factor^power).
   */
  drift?: { halfLifeDays: number; power?: number };
  /**
   * A softmax regression over the owner terms (TF-IDF, unit length) of all past issues, its
   * probability × `weight` added to each label's score; `l2` its penalty (undefined: off).
   */
  logit?: { weight: number; l2: number; iterations?: number };
};

// Chosen by cross-validation inside the benchmark's development split (docs/benchmarks.md).
export const DEFAULT_OWNER_OPTIONS: OwnerOptions = {
  neighbours: 50,
  halfLifeDays: 730,
  profileWeight: 1,
  nameWeight: 0.1,
};

const DAY_MS = 86_400_000;
// Fixed, not tuned per dataset: frames halve in weight every 8 down the stack (as in stackTerms),
// and a title word counts twice a code term (titles name the area: "NameNode", "fair scheduler").
const DEPTH_HALF_LIFE = 8;
const TITLE_WEIGHT = 2;
// Frames whose names are read for label words: where it broke, not the thread's run loop.
const NAMED_FRAMES = 10;

/**
 * The words of each label's name that tell it apart: a word in more than half of the labels' names
 * (a project or "team" prefix) names none of them.
 */
export function labelNameWords(labels: string[]): Map<string, string[]> {
  const words = new Map(labels.map((l) => [l, [...new Set(messageWords(l.replace(/[-_/:.#@]/g, " ")))]]));
  const spread = new Map<string, number>();
  for (const ws of words.values()) for (const w of ws) spread.set(w, (spread.get(w) ?? 0) + 1);
  const common = (w: string) => labels.length > 1 && (spread.get(w) ?? 0) > labels.length / 2;
  return new Map([...words].map(([label, ws]) => [label, ws.filter((w) => !common(w))]));
}

/** The lower-case words of a query's title and of its top frames' package, class and method names. */
function namedWords(query: OwnerQuery): Set<string> {
  const words = new Set(messageWords(query.text));
  for (const trace of query.traces) {
    for (const frame of trace.frames.slice(0, NAMED_FRAMES)) {
      for (const part of frame.toLowerCase().split(".")) words.add(part);
    }
  }
  return words;
}

/**
 * The terms an owner is recognised by: where it broke (frames, classes, packages — code areas map
 * to teams), what broke (exception, message words) and how people described it (title words).
 * Counts are log-scaled so a long stack or a repeated package does not drown the title.
 */
export function ownerTerms(traces: TraceInput[], text: string): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
  for (const trace of traces) {
    if (trace.exception) add(`e:${trace.exception}`, 1);
    for (const word of messageWords(trace.message ?? "")) add(`w:${word}`, 0.5);
    trace.frames.slice(0, 50).forEach((frame, depth) => {
      const weight = 0.5 ** (depth / DEPTH_HALF_LIFE);
      const parts = frame.split(".");
      add(`f:${frame}`, weight);
      add(`c:${parts.slice(0, -1).join(".")}`, weight);
      add(`p:${parts.slice(0, -2).join(".")}`, weight);
    });
  }
  for (const word of messageWords(text)) add(`s:${word}`, 1);
  for (const [term, count] of terms) {
    const scaled = count < 1 ? count : 1 + Math.log(count);
    terms.set(term, term.startsWith("s:") ? scaled * TITLE_WEIGHT : scaled);
  }
  return terms;
}

/**
 * Per label, its age-weighted share of `examples` (weights halving every `halfLifeDays` before `at`)
 * over its plain share: above 1 for labels used more lately than on average, below for fading ones.
 */
export function labelDrift(
  examples: Iterable<{ label: string; at: number }>,
  at: number,
  halfLifeDays: number,
): Map<string, number> {
  const recent = new Map<string, number>();
  const counts = new Map<string, number>();
  let recentTotal = 0;
  let total = 0;
  for (const example of examples) {
    const weight = 0.5 ** (Math.max(0, at - example.at) / DAY_MS / halfLifeDays);
    recent.set(example.label, (recent.get(example.label) ?? 0) + weight);
    counts.set(example.label, (counts.get(example.label) ?? 0) + 1);
    recentTotal += weight;
    total += 1;
  }
  return new Map(
    [...counts].map(([label, count]) => [
      label,
      recentTotal > 0 ? (recent.get(label) ?? 0) / recentTotal / (count / total) : 1,
    ]),
  );
}

const byLabel = (a: OwnerGuess, b: OwnerGuess) =>
  b.score - a.score || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/**
 * Names the likely owner of a new issue from the owners of past ones: the nearest past issues
 * (TF-IDF cosine over `ownerTerms`) vote by similarity × recency, and each label's profile — all its
 * issues as one document, so IDF runs over labels and favours the terms that tell teams apart —
 * adds its cosine. Labels come ranked, each with the past issues that back it.
 */
export class LearnedOwner {
  private readonly index = new TfIdfIndex();
  private readonly examples = new Map<string, OwnerExample>();
  private readonly counts = new Map<string, number>();
  /** Rebuilt lazily after any change: cheap next to a prediction, and corrections are rare. */
  private profiles: TfIdfIndex | null = null;
  private names: Map<string, string[]> | null = null;
  private logit: LogitModel | null = null;

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
    this.profiles = null;
    this.names = null;
    this.logit = null;
  }

  /** Owner terms weighted by IDF over the past issues, unit length: the regression's input. */
  private logitInput(traces: TraceInput[], text: string): Map<string, number> {
    const x = new Map<string, number>();
    let norm = 0;
    for (const [term, tf] of ownerTerms(traces, text)) {
      const v = tf * this.index.idf(term);
      x.set(term, v);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, v] of x) x.set(term, v / norm);
    return x;
  }

  private logitModel(options: NonNullable<OwnerOptions["logit"]>): LogitModel {
    this.logit ??= trainLogit(
      [...this.examples.values()].map((e) => ({ x: this.logitInput(e.traces, e.text), label: e.label })),
      { l2: options.l2, iterations: options.iterations ?? DEFAULT_LOGIT.iterations },
    );
    return this.logit;
  }

  /** How much of the label's name the query mentions, in [0, 1]. */
  private nameMatch(label: string, words: Set<string>): number {
    this.names ??= labelNameWords([...this.counts].filter(([, n]) => n > 0).map(([l]) => l));
    const own = this.names.get(label) ?? [];
    return own.length === 0 ? 0 : own.filter((w) => words.has(w)).length / own.length;
  }

  private profileIndex(): TfIdfIndex {
    if (this.profiles) return this.profiles;
    const merged = new Map<string, Map<string, number>>();
    for (const example of this.examples.values()) {
      const profile = merged.get(example.label) ?? new Map<string, number>();
      for (const [term, weight] of ownerTerms(example.traces, example.text)) {
        profile.set(term, (profile.get(term) ?? 0) + weight);
      }
      merged.set(example.label, profile);
    }
    const index = new TfIdfIndex();
    for (const [label, profile] of merged) {
      for (const [term, weight] of profile) profile.set(term, 1 + Math.log(weight));
      index.add(label, profile);
    }
    this.profiles = index;
    return index;
  }

  predict(query: OwnerQuery, limit: number): OwnerGuess[] {
    const terms = ownerTerms(query.traces, query.text);
    const profile = new Map(
      this.profileIndex()
        .search(terms, this.counts.size)
        .map((m) => [m.id, m.score]),
    );
    const votes = new Map<string, { vote: number; backing: string[] }>();
    for (const match of this.index.search(terms, this.options.neighbours)) {
      const example = this.examples.get(match.id);
      if (!example) continue;
      const ageDays = Math.max(0, query.at - example.at) / DAY_MS;
      const entry = votes.get(example.label) ?? { vote: 0, backing: [] };
      entry.vote += match.score * 0.5 ** (ageDays / this.options.halfLifeDays);
      entry.backing.push(example.id);
      votes.set(example.label, entry);
    }
    const logitOptions = this.options.logit;
    const logit = logitOptions
      ? predictLogit(this.logitModel(logitOptions), this.logitInput(query.traces, query.text))
      : undefined;
    const total = this.examples.size || 1;
    const nameWeight = this.options.nameWeight ?? 0;
    const words = nameWeight > 0 ? namedWords(query) : new Set<string>();
    const drift = this.options.drift
      ? labelDrift(this.examples.values(), query.at, this.options.drift.halfLifeDays)
      : undefined;
    return [...this.counts]
      .filter(([, count]) => count > 0)
      .map(([label, count]) => ({
        label,
        // The share of past issues breaks ties and orders labels nothing similar backs.
        score:
          ((votes.get(label)?.vote ?? 0) +
            this.options.profileWeight * (profile.get(label) ?? 0) +
            (nameWeight > 0 ? nameWeight * this.nameMatch(label, words) : 0) +
            (logitOptions ? logitOptions.weight * (logit?.get(label) ?? 0) : 0) +
            1e-6 * (count / total)) *
          (drift?.get(label) ?? 1) ** (this.options.drift?.power ?? 1),
        backing: votes.get(label)?.backing ?? [],
      }))
      .sort(byLabel)
      .slice(0, limit);
  }
}
