"use client";

import { startTransition, useEffect, useState } from "react";
import { afterFirstScreenShown } from "@/app/_components/first-screen-shown";

/**
 * No row or card is shorter than this: tags, title, summary and first-seen lines are always there
 * (a table row is 110–116 px at 1440 px wide, a card 210–260 px at 390 px), so the first render
 * fills the screen.
 */
const MIN_ROW_PX = 88;

/**
 * The list's items as many as fit on one screen on the first render, all of them once those are on
 * the screen (the titles carry the first-screen mark): a page of 50 rows took 250–640 ms of style,
 * layout and paint before anything showed (docs/benchmarks.md), and the rows below the fold are not
 * what the engineer reads first. Rows only ever add below the visible ones, so nothing on screen moves.
 */
export function useFirstScreenFirst<T>(items: T[]): T[] {
  const [limit, setLimit] = useState<number | null>(() =>
    typeof window === "undefined" ? null : Math.ceil(window.innerHeight / MIN_ROW_PX),
  );
  useEffect(() => {
    if (limit === null) return;
    // A transition, so a key pressed meanwhile is not kept waiting behind the rows.
    return afterFirstScreenShown(() => startTransition(() => setLimit(null)));
  }, [limit]);
  return limit === null ? items : items.slice(0, limit);
}
