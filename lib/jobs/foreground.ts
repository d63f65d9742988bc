// Requests the web process is serving (webhooks being stored). The in-process worker shares their
// event loop and the machine's cores, so it steps back while they come: under a burst Sentry's
// deliveries are answered first and their analyses follow, as durable jobs nothing can lose.
const holder = globalThis as unknown as {
  __siftForeground?: { active: number; begun: number; lastEnd: number };
};
holder.__siftForeground ??= { active: 0, begun: 0, lastEnd: 0 };
const state = holder.__siftForeground;

// A request that ended this recently still counts: between two deliveries on a busy connection
// nothing is in flight for a moment, and that gap is not a quiet process.
const RECENT_MS = 100;

/** Runs `work` as foreground work: the in-process worker yields to it. */
export async function asForeground<T>(work: () => Promise<T>): Promise<T> {
  state.active++;
  state.begun++;
  try {
    return await work();
  } finally {
    state.active--;
    state.lastEnd = performance.now();
  }
}

/** True while foreground work runs or ran within the last moment. */
export function foregroundBusy(): boolean {
  return state.active > 0 || performance.now() - state.lastEnd < RECENT_MS;
}

/** How many foreground runs have begun so far: a worker tells from it whether any began meanwhile. */
export function foregroundArrivals(): number {
  return state.begun;
}
