import { describe, expect, it } from "vitest";
import { parseTenantTiers } from "./tenant-tiers";

describe("parseTenantTiers", () => {
  it("reads a tenant:tier list split by commas or lines, tenants with colons included", () => {
    const tiers = parseTenantTiers("acme:enterprise, globex:Pro\nurn:tenant:7:free\n");
    expect([...tiers]).toEqual([
      ["acme", "enterprise"],
      ["globex", "pro"],
      ["urn:tenant:7", "free"],
    ]);
  });

  it("reads a JSON object of tenant to tier", () => {
    expect([...parseTenantTiers('{"acme": "enterprise", "initech": "pro"}')]).toEqual([
      ["acme", "enterprise"],
      ["initech", "pro"],
    ]);
  });

  it("is empty for empty text", () => {
    expect(parseTenantTiers("  ").size).toBe(0);
  });

  it("refuses unknown tiers, entries without a tier and JSON that is not an object, naming the entry", () => {
    expect(() => parseTenantTiers("acme:platinum")).toThrow(/acme.*platinum.*enterprise, pro, free/);
    expect(() => parseTenantTiers("acme")).toThrow(/"acme" is not tenant:tier/);
    expect(() => parseTenantTiers(":pro")).toThrow(/has no tenant/);
    expect(() => parseTenantTiers('{"acme": 3}')).toThrow(/acme/);
    expect(() => parseTenantTiers("{not json")).toThrow();
  });
});
