import type { ReactNode } from "react";

/**
 * A wide table's sideways-scrolling frame. Focusable and named, so a keyboard user can reach it and
 * scroll it with the arrow keys (a table of text has nothing focusable of its own; axe:
 * scrollable-region-focusable), and a screen reader says what the region holds.
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
    <section aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </section>
  );
}
