import { describe, expect, it } from "vitest";
import { normaliseFilename } from "./normalise-filename";

describe("normaliseFilename", () => {
  it("strips the URL origin, query and chunk hash from a CRA asset", () => {
    expect(normaliseFilename("https://cdn.x.com/static/js/main.3f2a1b9c.chunk.js?v=1")).toBe(
      "static/js/main.chunk.js",
    );
  });

  it.each([
    [
      "https://app.example.com/_next/static/chunks/pages/index-8a7b6c5d4e3f2a1b.js",
      "_next/static/chunks/pages/index.js",
    ],
    ["https://app.example.com/assets/chunk-5QXZ2ABC.js#frag", "assets/chunk.js"],
    ["/static/css/main.0a1b2c3d.css", "/static/css/main.css"],
    ["static/js/787.4f5e6a7b.chunk.js", "static/js/787.chunk.js"],
  ])("removes the content hash from %s", (input, expected) => {
    expect(normaliseFilename(input)).toBe(expected);
  });

  it.each([
    "static/js/jquery.min.js",
    "app.bundle.js",
    "vendor-react.js",
    "/go/pkg/mod/github.com/robfig/cron/v3@v3.0.0/cron.go",
    "Application.java",
  ])("leaves %s alone", (input) => {
    expect(normaliseFilename(input)).toBe(input);
  });

  it("drops bundler schemes and ./ prefixes", () => {
    expect(normaliseFilename("webpack:///./src/checkout/cart.ts")).toBe("src/checkout/cart.ts");
    expect(normaliseFilename("app:///main.jsbundle")).toBe("main.jsbundle");
  });

  it("turns backslashes into slashes", () => {
    expect(normaliseFilename("C:\\Users\\bruno\\src\\HomeController.cs")).toBe(
      "C:/Users/bruno/src/HomeController.cs",
    );
  });

  it("falls back to absPath and returns null when neither is usable", () => {
    expect(normaliseFilename(null, "https://sentry.io/_static/sentry/scripts/views.js")).toBe(
      "_static/sentry/scripts/views.js",
    );
    expect(normaliseFilename("  ", "/srv/app/main.py")).toBe("/srv/app/main.py");
    expect(normaliseFilename(undefined, null)).toBeNull();
  });
});
