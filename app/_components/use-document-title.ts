"use client";

import { useEffect } from "react";

/**
 * Sets the tab's title from the client, for what only the browser knows (the signed-in state, an
 * issue fetched with the user's token, new arrivals). Next streams the route's own metadata title
 * in after the first render, which would overwrite this, so while mounted (and still on the same
 * path) it is re-applied when the head changes. On unmount the previous title returns, unless the
 * reader has moved to another page, which names the tab itself.
 */
export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    if (title === null) return;
    const previous = document.title;
    const path = window.location.pathname;
    const samePage = () => window.location.pathname === path;
    document.title = title;
    const observer = new MutationObserver(() => {
      if (samePage() && document.title !== title) document.title = title;
    });
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      if (samePage() && document.title === title) document.title = previous;
    };
  }, [title]);
}
