import { describe, expect, it } from "vitest";
import { parseOwnershipRules } from "./ownership-rules";
import { type ResolveOwnerInput, resolveOwner } from "./resolve-owner";
import type { Frame } from "./types";

const frame = (filename: string | null, overrides: Partial<Frame> = {}): Frame => ({
  filename,
  function: "fn",
  module: null,
  lineNo: 1,
  inApp: true,
  ...overrides,
});

const resolve = (rules: string, overrides: Partial<ResolveOwnerInput> = {}) =>
  resolveOwner({
    rules: parseOwnershipRules(rules),
    frames: [frame("src/checkout/cart.ts")],
    tags: {},
    url: null,
    fallbackOwner: "#triage",
    ...overrides,
  });

describe("resolveOwner", () => {
  it("falls back when nothing matches", () => {
    expect(resolve("path:src/search/* #search")).toEqual({
      owner: "#triage",
      source: "fallback",
      rule: null,
    });
    expect(resolve("")).toEqual({ owner: "#triage", source: "fallback", rule: null });
  });

  it("lets the last matching rule win and takes its left-most owner", () => {
    const verdict = resolve(
      ["path:src/* #web", "path:src/checkout/* Dana@Acme.io #payments", "path:src/search/* #search"].join(
        "\n",
      ),
    );
    expect(verdict).toEqual({
      owner: "dana@acme.io",
      source: "ownership_rule",
      rule: "path:src/checkout/* Dana@Acme.io #payments",
    });
  });

  it("evaluates CODEOWNERS before ownership rules, so a rule beats a later-listed codeowners line", () => {
    const rules = ["path:src/* #web", "codeowners:/src/checkout/ #checkout-codeowners"].join("\n");
    expect(resolve(rules).rule).toBe("path:src/* #web");
    expect(resolve("codeowners:/src/checkout/ #checkout-codeowners").owner).toBe("#checkout-codeowners");
  });

  it("matches CODEOWNERS basenames and directories at any depth", () => {
    const frames = [frame("/app/src/checkout/cart.ts")];
    expect(resolve("codeowners:*.ts #ts", { frames }).owner).toBe("#ts");
    expect(resolve("codeowners:src/checkout/ #co", { frames }).owner).toBe("#co");
    expect(resolve("codeowners:/lib/ #lib", { frames }).source).toBe("fallback");
  });

  it("matches paths case-insensitively, with backslashes normalised", () => {
    expect(resolve("path:SRC/Checkout/* #payments").owner).toBe("#payments");
    expect(
      resolve("path:src/checkout/* #payments", { frames: [frame("src\\checkout\\cart.ts")] }).owner,
    ).toBe("#payments");
    expect(resolve("path:src\\checkout\\* #payments").owner).toBe("#payments");
  });

  it("ignores frames that are not in-app", () => {
    const frames = [frame("node_modules/stripe/lib/index.js", { inApp: false }), frame("src/app.ts")];
    expect(resolve("path:node_modules/stripe/* #vendor", { frames }).source).toBe("fallback");
    expect(resolve("path:src/app.ts #web", { frames }).owner).toBe("#web");
  });

  it("matches modules case-insensitively", () => {
    const frames = [frame("Billing.java", { module: "com.acme.billing.Invoice" })];
    expect(resolve("module:COM.ACME.BILLING.* #billing", { frames }).owner).toBe("#billing");
  });

  it("matches the request url case-insensitively", () => {
    const url = "https://shop.acme.io/Checkout/pay?step=2";
    expect(resolve("url:*/checkout/* #payments", { url }).owner).toBe("#payments");
    expect(resolve("url:*/checkout/* #payments", { url: null }).source).toBe("fallback");
  });

  it("matches tag values case-sensitively", () => {
    const tags = { tenant_tier: "Enterprise" };
    expect(resolve("tags.tenant_tier:Enterprise #vip", { tags }).owner).toBe("#vip");
    expect(resolve("tags.tenant_tier:enterprise #vip", { tags }).source).toBe("fallback");
    expect(resolve('tags.customer:"Acme *" #sales', { tags: { customer: "Acme Corp" } }).owner).toBe(
      "#sales",
    );
    expect(resolve("tags.missing:* #nobody", { tags }).source).toBe("fallback");
  });

  it("does not depend on frame order", () => {
    const rules = "path:src/a.ts #a\npath:src/b.ts #b";
    const forward = resolve(rules, { frames: [frame("src/a.ts"), frame("src/b.ts")] });
    const backward = resolve(rules, { frames: [frame("src/b.ts"), frame("src/a.ts")] });
    expect(forward).toEqual(backward);
    expect(forward.owner).toBe("#b");
  });
});
