"use client";

import { useEffect } from "react";

/**
 * Sets the tab's title from the client, for what only the browser knows (the signed-in state, an
 * issue fetched with the user's token, new arrivals). Restores the previous title on unmount so
 * the next page's own metadata title is not left overwritten.
 */
export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    if (title === null) return;
    const previous = document.title;
    document.title = title;
    return () => {
      // Only when nobody has named the tab since (the next page's own title wins).
      if (document.title === title) document.title = previous;
    };
  }, [title]);
}
