"use client";

/**
 * The Element Timing identifier (`elementtiming` attribute) of the text a page's first screen is
 * there to show, e.g. the issue list's titles. Work that can wait — the rows below the fold, the
 * reader's time zone — waits until the browser reports that text on the screen.
 */
export const FIRST_SCREEN_TIMING = "first-screen";

/**
 * A page with no marked text, or a browser that never reports it (a blank title), waits no longer
 * than this. Generous: on a busy machine the first screen took up to ~500 ms from render to screen,
 * and giving up sooner would put the deferred work back into its raster.
 */
export const SHOWN_TIMEOUT_MS = 1500;

type ElementTimingEntry = PerformanceEntry & { identifier?: string; element?: Element | null };

/**
 * Calls `then` once marked text is on the screen: Chromium writes the Element Timing entry when the
 * frame that holds it has been presented, i.e. after its raster. Sooner is not better on two cores:
 * work started right after the main thread's paint ran while that frame was still being rastered,
 * and the raster took ~140 ms instead of ~50 (docs/benchmarks.md, "The list's first screen is
 * rastered alone"). Without Element Timing (Firefox, Safari), after the next paint: a frame callback
 * runs just before it, a task it queues just after. Returns a function that cancels the call.
 */
export function afterFirstScreenShown(then: () => void): () => void {
  let stop = () => {};
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    stop();
    then();
  };
  const cancel = () => {
    done = true;
    stop();
  };
  if (
    typeof PerformanceObserver !== "undefined" &&
    PerformanceObserver.supportedEntryTypes?.includes("element")
  ) {
    const observer = new PerformanceObserver((list) => {
      // Only text on the page now: the buffer also holds what a page shown earlier in this tab marked.
      const shown = list
        .getEntries()
        .some(
          (entry: ElementTimingEntry) =>
            entry.identifier === FIRST_SCREEN_TIMING && entry.element?.isConnected,
        );
      if (shown) once();
    });
    const timer = setTimeout(once, SHOWN_TIMEOUT_MS);
    stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe({ type: "element", buffered: true });
    return cancel;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(once);
  });
  stop = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  return cancel;
}
