import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCompactCount, formatGroupedCount } from "./format-count";

// Intl itself is the reference: the formatters exist only to avoid making one on the first render.
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const grouped = new Intl.NumberFormat("en");

// Where rounding changes the digits or the unit: x49/x50 below each unit's tenth, 999,950 → 1M.
const safeInteger = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

const edges = [
  0,
  1,
  9,
  10,
  999,
  1000,
  1049,
  1050,
  1051,
  1149,
  1150,
  9949,
  9950,
  9999,
  10_000,
  12_345,
  99_949,
  99_950,
  123_456,
  999_499,
  999_949,
  999_950,
  999_999,
  1_000_000,
  1_049_999,
  1_050_000,
  1_250_000,
  999_949_999,
  999_950_000,
  1e9,
  1e12,
  999_950_000_000_000,
  1e15,
  Number.MAX_SAFE_INTEGER,
];

describe("formatCompactCount", () => {
  it("matches Intl at every rounding edge, both signs", () => {
    for (const value of edges) {
      expect(formatCompactCount(value)).toBe(compact.format(value));
      expect(formatCompactCount(-value)).toBe(compact.format(-value));
    }
  });

  it("matches Intl for any safe integer", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }), safeInteger),
        fc.nat({ max: 15 }),
        (value, shift) => {
          const scaled = Number.isSafeInteger(value * 10 ** shift) ? value * 10 ** shift : value;
          expect(formatCompactCount(scaled)).toBe(compact.format(scaled));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("hands fractions, huge and non-finite numbers to Intl", () => {
    for (const value of [0.5, 1.25, 2.5e16, Number.POSITIVE_INFINITY, Number.NaN])
      expect(formatCompactCount(value)).toBe(compact.format(value));
  });
});

describe("formatGroupedCount", () => {
  it("matches Intl for any safe integer, and hands anything else to it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), safeInteger), (value) => {
        expect(formatGroupedCount(value)).toBe(grouped.format(value));
      }),
      { numRuns: 5000 },
    );
    for (const value of [...edges, 1234.5, 1e21, Number.NaN])
      expect(formatGroupedCount(value)).toBe(grouped.format(value));
  });
});
