import { describe, expect, it } from "vitest";
import { backoffWithJitter } from "./backoff";

describe("backoffWithJitter", () => {
  it("doubles with each attempt and stays within half to all of the ceiling", () => {
    expect([1, 2, 3].map((n) => backoffWithJitter(n, 0))).toEqual([2.5, 5, 10]);
    expect([1, 2, 3].map((n) => backoffWithJitter(n, 0.999_999))).toEqual([
      expect.closeTo(5, 3),
      expect.closeTo(10, 3),
      expect.closeTo(20, 3),
    ]);
  });

  it("never waits longer than the cap", () => {
    expect(backoffWithJitter(40, 0.999_999)).toBeLessThanOrEqual(900);
    expect(backoffWithJitter(40, 0)).toBe(450);
  });
});
