/** Sentry levels, most to least severe; anything else renders neutral. */
const LEVEL_COLOURS: Record<string, string> = {
  fatal: "bg-red-700",
  error: "bg-red-500",
  warning: "bg-amber-400",
  info: "bg-sky-500",
  debug: "bg-zinc-400",
};

function colourFor(level: string | null): string {
  return (level && LEVEL_COLOURS[level]) || "bg-zinc-300";
}

/** Colour-only marker for dense tables; the level is still announced to screen readers and on hover. */
export function LevelDot({ level }: { level: string | null }) {
  const label = level ?? "unknown level";
  return (
    <span className="inline-flex items-center" title={label}>
      <span aria-hidden className={`size-2.5 shrink-0 rounded-full ${colourFor(level)}`} />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** Dot plus the level name, for headers where there is room to spell it out. */
export function LevelBadge({ level }: { level: string | null }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 bg-white px-2 py-0.5 text-xs font-medium text-zinc-700">
      <span aria-hidden className={`size-2 shrink-0 rounded-full ${colourFor(level)}`} />
      {level ?? "unknown"}
    </span>
  );
}
