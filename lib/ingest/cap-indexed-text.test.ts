import { describe, expect, it } from "vitest";
import { capIndexedText } from "./cap-indexed-text";

describe("capIndexedText", () => {
  it("keeps values of up to 256 characters as they are", () => {
    expect(capIndexedText("user-1")).toBe("user-1");
    expect(capIndexedText("x".repeat(256))).toBe("x".repeat(256));
    expect(capIndexedText(null)).toBeNull();
  });

  it("caps a longer value to its start and a hash of the whole, keeping two long values apart", () => {
    const a = capIndexedText(`${"a".repeat(300)}1`);
    const b = capIndexedText(`${"a".repeat(300)}2`);
    expect(a).toMatch(/^a{200}…#[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
  });

  it("never leaves half of a surrogate pair at the cut", () => {
    const capped = capIndexedText(`${"a".repeat(199)}${"🔥".repeat(100)}`);
    expect(capped.startsWith(`${"a".repeat(199)}…#`)).toBe(true);
  });
});
