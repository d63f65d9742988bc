import type { HourlyEvents, TrendVerdict } from "./types";

const HOUR_MS = 3_600_000;

/**
 * The recent window: the current hour and the two before it. Three hours, so one quiet hour does
 * not read as a fall, while a burst in the current hour still at least doubles the window's rate.
 */
export const RECENT_HOURS = 3;

/** An issue younger than a day has no baseline of its own (no daily cycle seen yet): it is new. */
export const NEW_FOR_HOURS = 24;

/** Rising at twice the baseline's rate or more, falling at half or less; steady in between. */
export const TREND_RATIO = 2;

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/**
 * Classifies an issue's trend from its own hourly events: new (first seen less than
 * NEW_FOR_HOURS ago), else the events of the recent window against the count the baseline's rate
 * (from first seen, or the first hour given, up to the window) predicts for it: rising, steady or
 * falling by TREND_RATIO. Both counts get +1 before comparing, so one stray event in a quiet issue
 * is not a trend. Hours outside [baseline start, now] are ignored (late or future-dated events).
 * O(hours).
 */
export function classifyTrend(input: { hourly: HourlyEvents[]; firstSeen: Date; now: Date }): TrendVerdict {
  const now = input.now.getTime();
  const recentStart = floorHour(now) - (RECENT_HOURS - 1) * HOUR_MS;
  const recentHours = (now - recentStart) / HOUR_MS;
  let recent = 0;
  let baseline = 0;
  let earliestHour = recentStart;
  for (const { hour, events } of input.hourly) {
    const at = hour.getTime();
    if (at > now) continue;
    if (at >= recentStart) recent += events;
    else {
      baseline += events;
      earliestHour = Math.min(earliestHour, at);
    }
  }
  const recentPerHour = recent / recentHours;
  if (now - input.firstSeen.getTime() < NEW_FOR_HOURS * HOUR_MS) {
    return { trend: "new", recentPerHour, baselinePerHour: null };
  }
  // The baseline runs from first seen, or from the first hour given when the timeline starts later.
  const baselineStart = Math.max(input.firstSeen.getTime(), earliestHour);
  const baselineHours = Math.max((recentStart - baselineStart) / HOUR_MS, 1);
  const baselinePerHour = baseline / baselineHours;
  const ratio = (recent + 1) / (baselinePerHour * recentHours + 1);
  const trend = ratio >= TREND_RATIO ? "rising" : ratio <= 1 / TREND_RATIO ? "falling" : "steady";
  return { trend, recentPerHour, baselinePerHour };
}
