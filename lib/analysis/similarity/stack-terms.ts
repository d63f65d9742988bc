/** One exception of a report or event: type, message and frames, top (innermost) frame first. */
export type TraceInput = { exception: string | null; message: string | null; frames: string[] };

export type TermVector = Map<string, number>;

// Words that carry no signal in exception messages (and English glue).
const STOP_WORDS = new Set(
  "the and for with not from this that was are has have had been but can cannot could null none true false into when while which will would there their than then they them some such only also may must should shall does did doing done being".split(
    " ",
  ),
);

// Frames nearer the top say more about where it broke; deep frames (thread run loops, framework
// entry points) are shared by unrelated crashes. Weight decays with depth, halving every 8 frames.
const DEPTH_HALF_LIFE = 8;
const MESSAGE_WEIGHT = 0.5;
const EXCEPTION_WEIGHT = 1.5;

/** Lower-case words of a message, numbers, ids and hashes dropped (they differ per occurrence). */
export function messageWords(message: string): string[] {
  return (message.toLowerCase().match(/[a-z][a-z_]{2,}/g) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/**
 * The weighted terms of a stack for similarity search: each frame (`f:`), each frame's class
 * (`c:`, so a renamed method still counts), the exception type (`e:`) and message words (`w:`).
 * Every exception of the chain ("Caused by") contributes, in order.
 */
export function stackTerms(traces: TraceInput[]): TermVector {
  const terms: TermVector = new Map();
  const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
  for (const trace of traces) {
    if (trace.exception) add(`e:${trace.exception}`, EXCEPTION_WEIGHT);
    for (const word of messageWords(trace.message ?? "")) add(`w:${word}`, MESSAGE_WEIGHT);
    trace.frames.forEach((frame, depth) => {
      const weight = 0.5 ** (depth / DEPTH_HALF_LIFE);
      add(`f:${frame}`, weight);
      const cut = frame.lastIndexOf(".");
      if (cut > 0) add(`c:${frame.slice(0, cut)}`, weight * 0.5);
    });
  }
  return terms;
}
