"use client";

import { useEffect } from "react";

const ROW = '[data-testid="issue-row"]';

/**
 * Gmail-style keys for the list: j / k move to the next / previous issue (focusing its title link,
 * so Enter opens it and the focus ring shows where you are), / jumps to the search box. Keys typed
 * into a field, or with a modifier, are left alone; Escape leaves the search box.
 */
export function useListKeyboard(searchId: string) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) {
        if (event.key === "Escape" && target.id === searchId) {
          // Chromium's default for Escape in a search box is to empty it, and the debounced URL
          // update that follows would undo a navigation started by the next Enter.
          event.preventDefault();
          target.blur();
        }
        return;
      }
      if (event.key === "/") {
        event.preventDefault();
        document.getElementById(searchId)?.focus();
        return;
      }
      if (event.key !== "j" && event.key !== "k") return;
      const rows = Array.from(document.querySelectorAll<HTMLElement>(ROW));
      if (rows.length === 0) return;
      const current = rows.findIndex((row) => row.contains(document.activeElement));
      const step = event.key === "j" ? 1 : -1;
      const next = current === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, current + step));
      const link = rows[next]?.querySelector<HTMLElement>("[data-row-link]");
      if (!link) return;
      event.preventDefault();
      link.focus();
      link.scrollIntoView({ block: "nearest" });
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [searchId]);
}
