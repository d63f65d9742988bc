const BASE_SECONDS = 5;
const CAP_SECONDS = 900;

/**
 * Seconds before retry number `attempts` + 1: exponential (5 s, 10 s, 20 s … up to 15 min) with
 * "equal jitter" (a random half of it added to the other half), so write-backs that failed together
 * during a Sentry outage do not all come back in the same second. `random` is in [0, 1).
 */
export function backoffWithJitter(attempts: number, random: number): number {
  const ceiling = Math.min(CAP_SECONDS, BASE_SECONDS * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + (ceiling / 2) * random;
}
