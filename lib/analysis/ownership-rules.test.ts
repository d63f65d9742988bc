import { describe, expect, it } from "vitest";
import { parseOwnershipRules, parseOwnershipRulesWithErrors } from "./ownership-rules";

describe("parseOwnershipRules", () => {
  it("parses every rule type", () => {
    const rules = parseOwnershipRules(
      [
        "path:src/checkout/** #payments",
        "module:com.acme.billing.* Billing@Acme.io #billing",
        "url:https://acme.io/admin/* #platform",
        "tags.tenant_tier:enterprise #vip",
        "codeowners:/src/auth/ #identity",
      ].join("\n"),
    );
    expect(rules).toEqual([
      {
        kind: "path",
        pattern: "src/checkout/**",
        owners: ["#payments"],
        text: "path:src/checkout/** #payments",
      },
      {
        kind: "module",
        pattern: "com.acme.billing.*",
        owners: ["billing@acme.io", "#billing"],
        text: "module:com.acme.billing.* Billing@Acme.io #billing",
      },
      {
        kind: "url",
        pattern: "https://acme.io/admin/*",
        owners: ["#platform"],
        text: "url:https://acme.io/admin/* #platform",
      },
      {
        kind: "tag",
        tag: "tenant_tier",
        pattern: "enterprise",
        owners: ["#vip"],
        text: "tags.tenant_tier:enterprise #vip",
      },
      {
        kind: "codeowners",
        pattern: "/src/auth/",
        owners: ["#identity"],
        text: "codeowners:/src/auth/ #identity",
      },
    ]);
  });

  it("treats an unprefixed line as a path rule", () => {
    expect(parseOwnershipRules("src/*.py alice@x.io")).toEqual([
      { kind: "path", pattern: "src/*.py", owners: ["alice@x.io"], text: "src/*.py alice@x.io" },
    ]);
  });

  it("accepts double-quoted patterns with spaces", () => {
    const [rule] = parseOwnershipRules('tags.customer:"Acme Corp" #sales');
    expect(rule).toMatchObject({ kind: "tag", tag: "customer", pattern: "Acme Corp", owners: ["#sales"] });
    const quotedPath = parseOwnershipRules('path:"My Docs/*" #docs')[0];
    expect(quotedPath).toMatchObject({ kind: "path", pattern: "My Docs/*" });
  });

  it("skips comments, blank lines and surrounding whitespace", () => {
    const rules = parseOwnershipRules("# payments team\n\n   \r\n  path:src/pay/* #payments  \r\n#path:x #y");
    expect(rules).toHaveLength(1);
    expect(rules[0]?.text).toBe("path:src/pay/* #payments");
  });
});

describe("parseOwnershipRulesWithErrors", () => {
  it("reports malformed lines with their 1-based number and keeps the good ones", () => {
    const { rules, errors } = parseOwnershipRulesWithErrors(
      [
        "path:src/* #web",
        "path:src/lonely",
        'tags.customer:"Acme #sales',
        "path:src/* not-an-owner",
        "modul:com.acme.* #typo",
        "url: #platform",
      ].join("\n"),
    );
    expect(rules.map((r) => r.text)).toEqual(["path:src/* #web"]);
    expect(errors).toEqual([
      { line: 2, text: "path:src/lonely", reason: "no owners" },
      { line: 3, text: 'tags.customer:"Acme #sales', reason: "unclosed quote in pattern" },
      { line: 4, text: "path:src/* not-an-owner", reason: '"not-an-owner" is neither an email nor a #team' },
      { line: 5, text: "modul:com.acme.* #typo", reason: 'unknown rule type "modul"' },
      { line: 6, text: "url: #platform", reason: "empty pattern" },
    ]);
  });

  it("reads a Windows drive path as a path, not a type", () => {
    const { rules, errors } = parseOwnershipRulesWithErrors("C:\\src\\* #desktop");
    expect(errors).toEqual([]);
    expect(rules[0]).toMatchObject({ kind: "path", pattern: "C:\\src\\*" });
  });
});
