import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "@/test/databases";
import { isStorableJsonText, JsonTooDeepError, toStorableJson } from "./storable-json";

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

describe("isStorableJsonText", () => {
  const fixture = readFileSync(`${fixturesDir}/webhooks/webhook-error-created.json`, "utf8");

  it("accepts ordinary JSON, whose parsed value needs no cleaning", () => {
    for (const text of [fixture, '{"s":"fire 🔥","n":1e400,"k":"\\n\\t\\u00e9"}', "[]"]) {
      expect(isStorableJsonText(text)).toBe(true);
      expect(toStorableJson(JSON.parse(text))).toEqual(JSON.parse(text));
    }
  });

  it("sends every text that may hold NUL or a lone surrogate the slow way", () => {
    for (const value of ["a\u0000b", "x\ud800y", "\udc00", "🔥"]) {
      expect(isStorableJsonText(JSON.stringify({ value }).replace("🔥", "\\ud83d\\udd25"))).toBe(false);
    }
    expect(isStorableJsonText('{"a":"\\u0000"}')).toBe(false);
    expect(isStorableJsonText('{"a":"\\uD800"}')).toBe(false);
    // An escaped backslash before "u0000" is harmless, but telling it apart is not worth it.
    expect(isStorableJsonText('{"a":"\\\\u0000"}')).toBe(false);
  });

  it("sends text nested past the depth limit the slow way, which refuses it", () => {
    const deep = (depth: number) => `{"s":"[{ in a string }]","a":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(isStorableJsonText(deep(500))).toBe(true);
    expect(isStorableJsonText(deep(600))).toBe(false);
    expect(() => toStorableJson(JSON.parse(deep(600)))).toThrow(JsonTooDeepError);
  });

  it("tells many shallow brackets, or brackets in strings, from deep nesting", () => {
    expect(isStorableJsonText(`[${"[],".repeat(600)}{}]`)).toBe(true);
    expect(isStorableJsonText(JSON.stringify({ s: "[{".repeat(600) }))).toBe(true);
    expect(isStorableJsonText(`[${"{},".repeat(300)}${"[".repeat(513)}${"]".repeat(513)}]`)).toBe(false);
  });
});
