import { describe, expect, it } from "vitest";
import { globToRegExp } from "./glob";

const match = (pattern: string, value: string, ignoreCase = false) =>
  globToRegExp(pattern, { ignoreCase }).test(value);

describe("globToRegExp", () => {
  it("lets * cross slashes and requires a whole-value match", () => {
    expect(match("src/*", "src/checkout/cart.ts")).toBe(true);
    expect(match("*.ts", "src/checkout/cart.ts")).toBe(true);
    expect(match("checkout/*", "src/checkout/cart.ts")).toBe(false);
    expect(match("src/**", "src/a/b.ts")).toBe(true);
  });

  it("matches ? as exactly one character", () => {
    expect(match("v?.js", "v1.js")).toBe(true);
    expect(match("v?.js", "v12.js")).toBe(false);
  });

  it("supports classes and negated classes", () => {
    expect(match("file[0-9].py", "file7.py")).toBe(true);
    expect(match("file[0-9].py", "fileX.py")).toBe(false);
    expect(match("file[!0-9].py", "fileX.py")).toBe(true);
    expect(match("[]]x", "]x")).toBe(true);
  });

  it("treats regex characters literally", () => {
    expect(match("a.b(c)+$", "a.b(c)+$")).toBe(true);
    expect(match("a.b", "axb")).toBe(false);
    expect(match("[unclosed", "[unclosed")).toBe(true);
  });

  it("honours case sensitivity", () => {
    expect(match("SRC/*", "src/a.ts")).toBe(false);
    expect(match("SRC/*", "src/a.ts", true)).toBe(true);
  });
});
