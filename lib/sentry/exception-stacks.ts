import type { RawException, RawFrame } from "@/lib/analysis/types";

/** One exception as both wire formats give it, with the thread it says it was raised on. */
export type ExceptionOnThread = RawException & { threadId: string | null };

export type ThreadStack = { id: string | null; crashed: boolean; current: boolean; frames: RawFrame[] };

// The thread an error belongs to when the exception does not name one: the crashed thread, else
// the one that captured it (Cocoa's NSError and message events with attach_stacktrace mark it
// `current`), else the only thread there is. Never a guess among several unmarked threads.
function errorThread(threads: ThreadStack[]): ThreadStack | undefined {
  return (
    threads.find((t) => t.crashed) ??
    threads.find((t) => t.current) ??
    (threads.length === 1 ? threads[0] : undefined)
  );
}

const strip = ({ threadId: _, ...exception }: ExceptionOnThread): RawException => exception;

/**
 * Gives every exception the stack Sentry shows for it, keeping Sentry's order (oldest, innermost
 * cause first; the last is the primary exception the issue is titled by):
 * - an exception without frames that names a thread (`thread_id`) takes that thread's frames;
 * - if then no exception has frames, the primary takes the event's top-level `stacktrace`, else
 *   the error thread's (crashed, else current, else the only one) — native crashes and Cocoa
 *   NSErrors carry their stack there;
 * - an event with no exception (a message event) gets one typeless exception holding that stack.
 * No exception's frames are dropped or moved. O(exceptions + threads).
 */
export function withThreadStacks(
  exceptions: ExceptionOnThread[],
  threads: ThreadStack[],
  topLevel: RawFrame[],
): RawException[] {
  const byId = new Map(threads.filter((t) => t.id !== null).map((t) => [t.id, t]));
  const filled = exceptions.map((e) => {
    const named = e.frames.length === 0 && e.threadId !== null ? byId.get(e.threadId) : undefined;
    return strip(named ? { ...e, frames: named.frames } : e);
  });
  if (filled.some((e) => e.frames.length > 0)) return filled;
  const frames = topLevel.length > 0 ? topLevel : (errorThread(threads)?.frames ?? []);
  if (frames.length === 0) return filled;
  const primary = filled.at(-1) ?? { type: null, value: null, module: null, frames: [] };
  return [...filled.slice(0, -1), { ...primary, frames }];
}
