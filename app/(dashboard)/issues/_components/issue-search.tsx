"use client";

import { useEffect, useRef, useState } from "react";

const DEBOUNCE_MS = 300;

/** Search input that updates its parent only after typing pauses, so the URL and API aren't hit per keystroke. */
export const SEARCH_ID = "issue-search";

export function IssueSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const lastSent = useRef(value);

  // Follow outside changes (back/forward, "clear filters") but not the echo of our own update,
  // which would otherwise drop characters typed while the navigation was in flight.
  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    const next = draft.trim();
    if (next === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = next;
      onChange(next);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, onChange]);

  return (
    <div className="relative w-full min-w-0 flex-1 sm:min-w-64">
      <label htmlFor={SEARCH_ID} className="sr-only">
        Search issues
      </label>
      <input
        id={SEARCH_ID}
        type="search"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        placeholder="Search title, culprit, message, short ID…"
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        className="h-9 w-full min-w-0 rounded-md border border-zinc-500 bg-white py-1 pr-8 pl-2.5 text-sm text-zinc-900 placeholder:text-zinc-500"
      />
      <kbd
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-zinc-300 px-1 font-mono text-[11px] text-zinc-600 sm:block"
      >
        /
      </kbd>
    </div>
  );
}
