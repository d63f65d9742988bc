import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatHourLabel, formatHourTick } from "./format-date";

// Intl itself is the reference: these exist only so a page's first render makes no Intl object.
const calendar = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric" });
const hourLabel = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const tick = new Intl.DateTimeFormat("en", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  hourCycle: "h23",
});

const instant = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
  .map((ms) => new Date(ms));

describe("format-date", () => {
  it("writes the calendar date as Intl does, in the reader's zone", () => {
    fc.assert(
      fc.property(instant, (date) => {
        expect(formatCalendarDate(date)).toBe(calendar.format(date));
      }),
      {
        numRuns: 3000,
      },
    );
  });

  it("writes an hour bucket's label as Intl does in UTC, midnight and noon included", () => {
    for (const iso of ["2026-11-01T00:00:00.000Z", "2026-11-01T12:00:00.000Z", "2026-12-31T23:59:00.000Z"])
      expect(formatHourLabel(iso)).toBe(`${hourLabel.format(new Date(iso))} UTC`);
    fc.assert(
      fc.property(instant, (date) => {
        expect(formatHourLabel(date.toISOString())).toBe(`${hourLabel.format(date)} UTC`);
      }),
      { numRuns: 3000 },
    );
  });

  it("writes axis ticks on a 00–23 clock", () => {
    expect(formatHourTick("2026-11-01T00:00:00.000Z")).toBe("00:00");
    fc.assert(
      fc.property(instant, (date) => {
        expect(formatHourTick(date.toISOString())).toBe(tick.format(date));
      }),
      { numRuns: 3000 },
    );
  });
});
