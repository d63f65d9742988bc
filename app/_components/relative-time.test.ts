import { describe, expect, it } from "vitest";
import { formatExactTime, formatRelativeTime } from "./relative-time";

// The formatters are made once and reused: each answer must still be the one a fresh one gives.
describe("relative-time formats", () => {
  const at = new Date(Date.UTC(2026, 10, 1, 12, 5, 9));

  it("names the exact time in the reader's zone, the same on every call", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    const fresh = new Intl.DateTimeFormat("en-GB", {
      dateStyle: "medium",
      timeStyle: "long",
      timeZone: zone,
    });
    expect(formatExactTime(at)).toBe(`${fresh.format(at)} (${zone})`);
    const later = new Date(at.getTime() + 86_400_000);
    expect(formatExactTime(later)).toBe(`${fresh.format(later)} (${zone})`);
  });

  it("gives a calendar date past 30 days, as toLocaleDateString would", () => {
    const options = { day: "numeric", month: "short", year: "numeric" } as const;
    const reference = at.getTime() + 40 * 86_400_000;
    expect(formatRelativeTime(at, reference)).toBe(at.toLocaleDateString("en", options));
    const older = new Date(Date.UTC(2025, 0, 15));
    expect(formatRelativeTime(older, reference)).toBe(older.toLocaleDateString("en", options));
    expect(formatRelativeTime(at, at.getTime() + 3 * 3_600_000)).toBe("3 h ago");
  });

  it("writes out the same calendar date as Intl for every month of sixty years", () => {
    const options = { day: "numeric", month: "short", year: "numeric" } as const;
    for (let day = 0; day < 60 * 365; day += 13) {
      const date = new Date(Date.UTC(1990, 0, 1) + day * 86_400_000 + 7 * 3_600_000);
      const reference = date.getTime() + 31 * 86_400_000;
      expect(formatRelativeTime(date, reference)).toBe(date.toLocaleDateString("en", options));
    }
  });
});
