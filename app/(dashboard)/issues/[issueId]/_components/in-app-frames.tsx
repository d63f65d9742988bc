import type { Analysis } from "@/lib/contracts/issues";

/** Our own stack frames (library code filtered out by the analyser): where to start reading. */
export function InAppFrames({ frames }: { frames: Analysis["inAppFrames"] }) {
  return (
    <section aria-labelledby="frames-heading" className="mt-5 space-y-1.5">
      <h3 id="frames-heading" className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
        In-app frames
      </h3>
      {frames.length === 0 ? (
        <p className="text-xs text-zinc-500">No in-app frames: the stack trace is entirely library code.</p>
      ) : (
        <ol className="divide-y divide-zinc-100 rounded-md border border-zinc-200 bg-zinc-50 font-mono text-xs">
          {frames.map((frame, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: frames are positional; the same function can recur
            <li key={index} className="flex min-w-0 gap-2 px-3 py-1.5">
              <span className="shrink-0 font-semibold text-zinc-900">{frame.function ?? "<anonymous>"}</span>
              <span className="text-zinc-500">—</span>
              <span className="truncate text-zinc-600" title={frame.filename ?? frame.module ?? undefined}>
                {frame.filename ?? frame.module ?? "unknown file"}
                {frame.lineNo !== null && `:${frame.lineNo}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
