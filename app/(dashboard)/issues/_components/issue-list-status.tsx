/**
 * What the list is doing, in words: how many are shown and that it refreshes by itself, or that it
 * could not load (never "0 shown · live" over an error), and how many issues arrived since.
 */
export function IssueListStatus({
  shown,
  state,
  hasData,
  arrivals,
  onMarkSeen,
}: {
  shown: number;
  state: "live" | "refreshing" | "error";
  hasData: boolean;
  arrivals: number;
  onMarkSeen: () => void;
}) {
  const text =
    state === "error"
      ? hasData
        ? `${shown} shown · not updating`
        : "Not loaded"
      : state === "refreshing"
        ? "Refreshing…"
        : `${shown} shown · updates live`;
  return (
    <div className="flex min-h-7 flex-wrap items-center gap-3 text-xs text-zinc-700">
      <span data-testid="list-status" role="status">
        {text}
      </span>
      <span className="hidden text-zinc-600 lg:inline">
        <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> move ·{" "}
        <kbd className="font-mono">Enter</kbd> opens · <kbd className="font-mono">/</kbd> searches
      </span>
      {arrivals > 0 && (
        <button
          type="button"
          data-testid="arrivals"
          onClick={onMarkSeen}
          className="rounded-full bg-sky-700 px-2.5 py-0.5 font-medium text-white hover:bg-sky-800"
        >
          {arrivals} new · mark as seen
        </button>
      )}
    </div>
  );
}
