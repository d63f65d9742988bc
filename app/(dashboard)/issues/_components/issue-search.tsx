"use client";

import { useEffect, useRef, useState } from "react";

const DEBOUNCE_MS = 300;

/** Search input that updates its parent only after typing pauses, so the URL and API aren't hit per keystroke. */
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
    <div className="relative w-full sm:max-w-sm">
      <label htmlFor="issue-search" className="sr-only">
        Search issues
      </label>
      <input
        id="issue-search"
        type="search"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        placeholder="Search title, culprit, short ID…"
        autoComplete="off"
        spellCheck={false}
        className="h-8 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-zinc-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900/10"
      />
    </div>
  );
}
