import { describe, expect, it } from "vitest";
import { LearnedOwner } from "./learned-owner";
import { ownerQueryOf } from "./owner-query";
import { parseOwnershipRules } from "./ownership-rules";
import { type OwnerEvidence, resolveOwner } from "./resolve-owner";
import type { Frame } from "./types";

const frame = (filename: string | null, overrides: Partial<Frame> = {}): Frame => ({
  filename,
  function: "fn",
  module: null,
  lineNo: 1,
  inApp: true,
  ...overrides,
});

const event = (overrides: Partial<OwnerEvidence> = {}): OwnerEvidence => ({
  frames: [frame("src/checkout/cart.ts")],
  tags: {},
  url: null,
  ...overrides,
});

// One event, as the owner was read before it weighed several.
const resolve = (rules: string, overrides: Partial<OwnerEvidence> = {}) =>
  resolveOwner({ rules: parseOwnershipRules(rules), events: [event(overrides)], fallbackOwner: "#triage" });

describe("resolveOwner", () => {
  it("falls back when nothing matches", () => {
    const fallback = { owner: "#triage", source: "fallback", rule: null, share: null, backedBy: [] };
    expect(resolve("path:src/search/* #search")).toEqual(fallback);
    expect(resolve("")).toEqual(fallback);
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
      share: { matched: 1, of: 1 },
      backedBy: [],
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

describe("resolveOwner over several events", () => {
  const rules = parseOwnershipRules(
    ["path:src/db/* #database", "tags.tenant:enterprise-* #enterprise-support"].join("\n"),
  );
  const dbFrames = [frame("src/db/pool.go")];
  const tenantEvent = (tenant: string) => event({ frames: dbFrames, tags: { tenant } });

  it("gives the owner whose rules matched the largest share of events, not the newest event's", () => {
    // The newest event came from the one tenant a tag rule names; the path rule matched all four.
    const events = [tenantEvent("enterprise-acme"), tenantEvent("t2"), tenantEvent("t3"), tenantEvent("t4")];
    expect(resolveOwner({ rules, events, fallbackOwner: "#triage" })).toEqual({
      owner: "#database",
      source: "ownership_rule",
      rule: "path:src/db/* #database",
      share: { matched: 4, of: 4 },
      backedBy: [],
    });
  });

  it("shows the share when the winning rule matched only some events", () => {
    const tagOnly = parseOwnershipRules("tags.tenant:enterprise-* #enterprise-support\ntags.tenant:t2 #t2");
    const events = [
      tenantEvent("enterprise-a"),
      tenantEvent("enterprise-b"),
      tenantEvent("t2"),
      tenantEvent("t9"),
    ];
    const verdict = resolveOwner({ rules: tagOnly, events, fallbackOwner: "#triage" });
    expect(verdict.owner).toBe("#enterprise-support");
    expect(verdict.share).toEqual({ matched: 2, of: 4 });
  });

  it("does not let a tag rule matching under half the events name the owner, and says so", () => {
    // The issue's own example: a Go database error seen in four tenants, one of them named by a tag rule.
    const tagOnly = parseOwnershipRules("tags.tenant:enterprise-* #enterprise-support");
    const events = [tenantEvent("t1"), tenantEvent("t2"), tenantEvent("t3"), tenantEvent("enterprise-acme")];
    expect(resolveOwner({ rules: tagOnly, events, fallbackOwner: "#triage" })).toEqual({
      owner: "#triage",
      source: "fallback",
      rule: null,
      share: null,
      backedBy: [],
      minority: { rule: "tags.tenant:enterprise-* #enterprise-support", share: { matched: 1, of: 4 } },
    });
    // A rule over the code holds with any share: the frames are the issue's own.
    const byCode = parseOwnershipRules("path:src/db/* #database");
    const someFrames = [event({ frames: dbFrames }), event({ frames: [] }), event({ frames: [] })];
    expect(resolveOwner({ rules: byCode, events: someFrames, fallbackOwner: "#triage" })).toMatchObject({
      owner: "#database",
      share: { matched: 1, of: 3 },
    });
  });

  it("counts an event once per owner however many of its rules matched", () => {
    const twoRules = parseOwnershipRules("path:src/* #web\npath:src/db/* #database\nmodule:db.* #database");
    const events = [
      event({ frames: [frame("src/db/pool.go", { module: "db.pool" })] }),
      event({ frames: [frame("src/web.go")] }),
    ];
    const verdict = resolveOwner({ rules: twoRules, events, fallbackOwner: "#triage" });
    // #web's rule matched both events, #database's two rules one between them: counted twice, it
    // would tie #web and win by rule order.
    expect(verdict).toMatchObject({ owner: "#web", share: { matched: 2, of: 2 } });
  });

  it("breaks a tie on share by Sentry's rule order when nothing learned backs either owner", () => {
    const tied = parseOwnershipRules("path:src/db/* #database\npath:src/db/pool.go #pool");
    const verdict = resolveOwner({
      rules: tied,
      events: [event({ frames: dbFrames })],
      fallbackOwner: "#triage",
    });
    expect(verdict).toMatchObject({ owner: "#pool", source: "ownership_rule", backedBy: [] });
  });
});

describe("resolveOwner with a learned model", () => {
  const DAY = 86_400_000;
  const billing = [frame("src/billing/invoice.ts", { module: "billing.invoice", function: "total" })];
  const search = [frame("src/search/query.ts", { module: "search.query", function: "parse" })];
  const stack = (frames: typeof billing) => ({
    frames,
    exceptionType: "TypeError",
    exceptionValue: "x is undefined",
    message: null,
  });
  const model = new LearnedOwner();
  model.learn({ id: "101", label: "#billing", ...ownerQueryOf(stack(billing), "Invoice total fails", 0) });
  model.learn({
    id: "102",
    label: "#billing",
    ...ownerQueryOf(stack(billing), "Invoice total undefined", DAY),
  });
  model.learn({ id: "103", label: "#search", ...ownerQueryOf(stack(search), "Search query parse", DAY) });
  const learned = (frames: typeof billing, issueId = "200") => ({
    model,
    issueId,
    query: ownerQueryOf(stack(frames), "Invoice total broken", 2 * DAY),
  });

  it("names the team past issues back where no rule matched, with those issues", () => {
    const verdict = resolveOwner({
      rules: parseOwnershipRules("path:src/admin/* #admin"),
      events: [event({ frames: billing })],
      fallbackOwner: "#triage",
      learned: learned(billing),
    });
    expect(verdict.source).toBe("learned");
    expect(verdict.owner).toBe("#billing");
    expect(verdict.backedBy?.sort()).toEqual(["101", "102"]);
    expect(verdict.rule).toBeNull();
  });

  it("never lets the issue back itself, and falls back when nothing else backs an owner", () => {
    const alone = new LearnedOwner();
    alone.learn({ id: "300", label: "#billing", ...ownerQueryOf(stack(billing), "Invoice total", 0) });
    const verdict = resolveOwner({
      rules: [],
      events: [event({ frames: billing })],
      fallbackOwner: "#triage",
      learned: { model: alone, issueId: "300", query: ownerQueryOf(stack(billing), "Invoice total", DAY) },
    });
    expect(verdict.source).toBe("fallback");
    expect(verdict.owner).toBe("#triage");
  });

  it("breaks a tie between rules by the owner past issues back, against the rule order", () => {
    const tied = parseOwnershipRules("path:src/billing/* #billing\npath:src/billing/invoice.ts #search");
    const verdict = resolveOwner({
      rules: tied,
      events: [event({ frames: billing })],
      fallbackOwner: "#triage",
      learned: learned(billing),
    });
    expect(verdict).toMatchObject({
      owner: "#billing",
      source: "ownership_rule",
      rule: "path:src/billing/* #billing",
    });
    expect(verdict.backedBy?.length).toBeGreaterThan(0);
    // Without the model, Sentry's order (the last rule) wins the same tie.
    expect(
      resolveOwner({ rules: tied, events: [event({ frames: billing })], fallbackOwner: "#triage" }).owner,
    ).toBe("#search");
  });

  it("does not consult the model when one owner has the largest share", () => {
    const verdict = resolveOwner({
      rules: parseOwnershipRules("path:src/billing/* #payments"),
      events: [event({ frames: billing })],
      fallbackOwner: "#triage",
      learned: learned(billing),
    });
    expect(verdict).toMatchObject({ owner: "#payments", backedBy: [] });
  });
});
