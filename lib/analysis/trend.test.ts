import { describe, expect, it } from "vitest";
import { classifyTrend } from "./trend";
import type { HourlyEvents } from "./types";

const HOUR = 3_600_000;
// 20 minutes into an hour, so the current hour is a partial one.
const now = new Date(Date.UTC(2026, 10, 5, 12, 20));
const hourStart = Date.UTC(2026, 10, 5, 12);

/** Every hour from `hoursBack` hours before the current one to the current one, zeros included. */
function hours(hoursBack: number, eventsAt: (hoursAgo: number) => number): HourlyEvents[] {
  const out: HourlyEvents[] = [];
  for (let ago = hoursBack; ago >= 0; ago--)
    out.push({ hour: new Date(hourStart - ago * HOUR), events: eventsAt(ago) });
  return out;
}

const old = new Date(now.getTime() - 30 * 24 * HOUR);

describe("classifyTrend", () => {
  it("calls an issue first seen within the day new, with no baseline, whatever its rate", () => {
    const verdict = classifyTrend({
      hourly: hours(5, () => 50),
      firstSeen: new Date(now.getTime() - 5 * HOUR),
      now,
    });
    expect(verdict.trend).toBe("new");
    expect(verdict.baselinePerHour).toBeNull();
    // 150 events over the 2⅓ hours of the recent window.
    expect(verdict.recentPerHour).toBeCloseTo(150 / (2 + 1 / 3));
  });

  it("is steady at its usual rate, rising at several times it and falling when it fades", () => {
    const steady = classifyTrend({ hourly: hours(71, () => 10), firstSeen: old, now });
    expect(steady.trend).toBe("steady");
    expect(steady.baselinePerHour).toBeCloseTo(10);

    const rising = classifyTrend({ hourly: hours(71, (ago) => (ago === 0 ? 200 : 10)), firstSeen: old, now });
    expect(rising.trend).toBe("rising");

    const falling = classifyTrend({ hourly: hours(71, (ago) => (ago < 3 ? 0 : 10)), firstSeen: old, now });
    expect(falling.trend).toBe("falling");
  });

  it("does not read one stray event in a quiet issue as a rise", () => {
    const verdict = classifyTrend({
      hourly: hours(71, (ago) => (ago === 1 || ago === 40 ? 1 : 0)),
      firstSeen: old,
      now,
    });
    expect(verdict.trend).toBe("steady");
  });

  it("measures the baseline from first seen when that is inside the timeline", () => {
    // First seen 30 h ago: 10/h over 27 h of baseline, not diluted over the 69 h the timeline allows.
    const firstSeen = new Date(hourStart - 30 * HOUR);
    const verdict = classifyTrend({ hourly: hours(71, (ago) => (ago <= 30 ? 10 : 0)), firstSeen, now });
    expect(verdict.baselinePerHour).toBeCloseTo(10);
    expect(verdict.trend).toBe("steady");
  });

  it("ignores hours after now (future-dated events)", () => {
    const hourly = [...hours(71, () => 10), { hour: new Date(hourStart + 5 * HOUR), events: 10_000 }];
    expect(classifyTrend({ hourly, firstSeen: old, now }).trend).toBe("steady");
  });
});
