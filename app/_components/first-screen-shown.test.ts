import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterFirstScreenShown, FIRST_SCREEN_TIMING, SHOWN_TIMEOUT_MS } from "./first-screen-shown";

type Entry = { identifier: string; element: { isConnected: boolean } | null };

/** Stands in for the browser's PerformanceObserver: the test hands it Element Timing entries. */
class FakeObserver {
  static supportedEntryTypes = ["element", "largest-contentful-paint"];
  static live: FakeObserver[] = [];
  static buffered: Entry[] = [];
  constructor(private readonly callback: (list: { getEntries(): Entry[] }) => void) {}
  observe(options: { type: string; buffered?: boolean }) {
    expect(options.type).toBe("element");
    FakeObserver.live.push(this);
    if (options.buffered && FakeObserver.buffered.length > 0) this.deliver(FakeObserver.buffered);
  }
  disconnect() {
    FakeObserver.live = FakeObserver.live.filter((observer) => observer !== this);
  }
  deliver(entries: Entry[]) {
    this.callback({ getEntries: () => entries });
  }
  static report(...entries: Entry[]) {
    for (const observer of [...FakeObserver.live]) observer.deliver(entries);
  }
}

const shown = (connected = true): Entry => ({
  identifier: FIRST_SCREEN_TIMING,
  element: { isConnected: connected },
});

describe("afterFirstScreenShown", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeObserver.live = [];
    FakeObserver.buffered = [];
    vi.stubGlobal("PerformanceObserver", FakeObserver);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("waits for marked text on the page to be reported on screen, once", () => {
    const then = vi.fn();
    afterFirstScreenShown(then);
    FakeObserver.report({ identifier: "other", element: { isConnected: true } });
    FakeObserver.report(shown(false)); // a list shown earlier in this tab, no longer in the page
    expect(then).not.toHaveBeenCalled();
    FakeObserver.report(shown());
    expect(then).toHaveBeenCalledTimes(1);
    expect(FakeObserver.live).toHaveLength(0);
    vi.runAllTimers();
    expect(then).toHaveBeenCalledTimes(1);
  });

  it("takes an entry the browser wrote before it asked (buffered)", () => {
    FakeObserver.buffered = [shown()];
    const then = vi.fn();
    afterFirstScreenShown(then);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it("gives up waiting after a while: a page may mark nothing", () => {
    const then = vi.fn();
    afterFirstScreenShown(then);
    vi.advanceTimersByTime(SHOWN_TIMEOUT_MS - 1);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it("does nothing once cancelled", () => {
    const then = vi.fn();
    const cancel = afterFirstScreenShown(then);
    cancel();
    FakeObserver.report(shown());
    vi.runAllTimers();
    expect(then).not.toHaveBeenCalled();
  });

  it("without Element Timing, runs right after the next paint", () => {
    vi.stubGlobal("PerformanceObserver", { supportedEntryTypes: ["paint"] });
    const frames: (() => void)[] = [];
    vi.stubGlobal("requestAnimationFrame", (callback: () => void) => frames.push(callback));
    vi.stubGlobal("cancelAnimationFrame", () => {});
    const then = vi.fn();
    afterFirstScreenShown(then);
    vi.runAllTimers();
    expect(then).not.toHaveBeenCalled();
    for (const frame of frames) frame();
    expect(then).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(then).toHaveBeenCalledTimes(1);
  });
});
