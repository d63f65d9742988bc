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

/** Icons differ by level, so the level reads without colour too (and the name is always written). */
const LEVEL_ICONS: Record<string, { icon: string; colour: string }> = {
  fatal: { icon: "⬢", colour: "text-red-700" },
  error: { icon: "●", colour: "text-red-600" },
  warning: { icon: "▲", colour: "text-amber-600" },
  info: { icon: "■", colour: "text-sky-600" },
  debug: { icon: "◆", colour: "text-zinc-500" },
};

/** The level as an icon and its name, for dense lists: never colour alone. */
export function LevelLabel({ level }: { level: string | null }) {
  const { icon, colour } = (level && LEVEL_ICONS[level]) || { icon: "○", colour: "text-zinc-500" };
  return (
    <span data-testid="issue-level" className="inline-flex shrink-0 items-center gap-1 text-xs text-zinc-700">
      <span aria-hidden className={`text-[10px] leading-none ${colour}`}>
        {icon}
      </span>
      {level ?? "unknown"}
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
