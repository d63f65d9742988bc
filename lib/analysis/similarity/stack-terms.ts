import { stemmer } from "stemmer";

/** One exception of a report or event: type, message and frames, top (innermost) frame first. */
export type TraceInput = { exception: string | null; message: string | null; frames: string[] };

export type TermVector = Map<string, number>;

// Words that carry no signal in exception messages (and English glue).
const STOP_WORDS = new Set(
  "the and for with not from this that was are has have had been but can cannot could null none true false into when while which will would there their than then they them some such only also may must should shall does did doing done being".split(
    " ",
  ),
);

export type TermWeights = {
  exception: number;
  message: number;
  /** A frame's class counts this fraction of the frame itself (0: no class terms). */
  classFactor: number;
  /** Frames halve in weight every this many frames down the stack (Infinity: no decay). */
  depthHalfLife: number;
  /**
   * Message and title words are reduced to their stem ("fails", "failing", "failed": "fail"), so
   * two people describing one bug in different forms of a word still match.
   */
  stemWords: boolean;
};

// Frames nearer the top say more about where it broke; deep frames (thread run loops, framework
// entry points) are shared by unrelated crashes. `npm run bench:similar` measures each part.
export const DEFAULT_TERM_WEIGHTS: TermWeights = {
  exception: 1.5,
  message: 0.5,
  classFactor: 0.5,
  depthHalfLife: 8,
  stemWords: true,
};

/** Lower-case words of a message, numbers, ids and hashes dropped (they differ per occurrence). */
export function messageWords(message: string): string[] {
  return (message.toLowerCase().match(/[a-z][a-z_]{2,}/g) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** One of messageWords as the search indexes it. */
export const searchWord = (word: string, stem: boolean): string => (stem ? stemmer(word) : word);

/**
 * The words a search matches on: messageWords, stemmed when `stem` is set. Porter's stemmer (the
 * `stemmer` package) rather than a hand-written suffix list: it is the standard one and has no
 * dependencies; on the benchmark's development split it raised MRR and new-vs-duplicate AUC on two
 * of three chronological folds and lowered neither on the third (docs/benchmarks.md), while the
 * owner model reads better unstemmed.
 */
export function searchWords(text: string, stem: boolean): string[] {
  return messageWords(text).map((word) => searchWord(word, stem));
}

/**
 * The weighted terms of a stack for similarity search: each frame (`f:`), each frame's class
 * (`c:`, so a renamed method still counts), the exception type (`e:`) and message words (`w:`).
 * Every exception of the chain ("Caused by") contributes, in order.
 */
export function stackTerms(traces: TraceInput[], weights: TermWeights = DEFAULT_TERM_WEIGHTS): TermVector {
  const terms: TermVector = new Map();
  const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
  for (const trace of traces) {
    if (trace.exception && weights.exception > 0) add(`e:${trace.exception}`, weights.exception);
    if (weights.message > 0) {
      for (const word of searchWords(trace.message ?? "", weights.stemWords))
        add(`w:${word}`, weights.message);
    }
    trace.frames.forEach((frame, depth) => {
      const weight = 0.5 ** (depth / weights.depthHalfLife);
      add(`f:${frame}`, weight);
      const cut = frame.lastIndexOf(".");
      if (cut > 0 && weights.classFactor > 0) add(`c:${frame.slice(0, cut)}`, weight * weights.classFactor);
    });
  }
  return terms;
}

/** The words of an issue's title (Sentry's title, a bug report's summary) as terms (`t:`). */
export function titleTerms(
  title: string,
  weights: Pick<TermWeights, "stemWords"> = DEFAULT_TERM_WEIGHTS,
): TermVector {
  const terms: TermVector = new Map();
  for (const word of searchWords(title, weights.stemWords))
    terms.set(`t:${word}`, (terms.get(`t:${word}`) ?? 0) + 1);
  return terms;
}
