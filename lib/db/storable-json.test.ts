import { describe, expect, it } from "vitest";
import { JsonTooDeepError, toStorableJson } from "./storable-json";

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

describe("toStorableJson on deep or odd input", () => {
  const nested = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}"x\\u0000"${"}".repeat(depth)}`);

  it("cleans a value nested to the limit without recursion, and keeps its shape", () => {
    let node = toStorableJson(nested(512)) as Record<string, unknown>;
    for (let level = 1; level < 512; level++) node = node.a as Record<string, unknown>;
    expect(node.a).toBe("x\ufffd");
  });

  it("refuses a value nested past the limit with JsonTooDeepError, not a stack overflow", () => {
    expect(() => toStorableJson(nested(513))).toThrow(JsonTooDeepError);
    expect(() => toStorableJson(JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`))).toThrow(
      JsonTooDeepError,
    );
  });

  it("keeps a __proto__ key as data", () => {
    const copy = toStorableJson(JSON.parse('{"__proto__": {"polluted": true}, "b": [1, "y"]}'));
    expect(Object.keys(copy)).toEqual(["__proto__", "b"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"b":[1,"y"]}');
  });
});
