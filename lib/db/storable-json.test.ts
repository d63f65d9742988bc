import { describe, expect, it } from "vitest";
import { toStorableJson } from "./storable-json";

describe("toStorableJson", () => {
  it("replaces NUL and unpaired surrogates in strings and keys, everywhere in the tree", () => {
    const input = { "k\u0000": ["a\u0000b", { deep: "x\ud800y" }], lone: "\udc00", n: 1, t: true, z: null };
    expect(toStorableJson(input)).toEqual({
      "k\ufffd": ["a\ufffdb", { deep: "x\ufffdy" }],
      lone: "\ufffd",
      n: 1,
      t: true,
      z: null,
    });
  });

  it("keeps valid surrogate pairs (emoji) and leaves its input alone", () => {
    const input = { s: "fire 🔥 \u0000" };
    expect(toStorableJson(input).s).toBe("fire 🔥 \ufffd");
    expect(input.s).toBe("fire 🔥 \u0000");
  });
});
