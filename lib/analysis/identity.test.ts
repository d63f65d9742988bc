import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractIdentity } from "./identity";
import type { RawEvent } from "./types";

const options = { tenantKeys: ["tenant_id", "org"], rolesKeys: ["roles"] };

const event = (overrides: Partial<RawEvent>): RawEvent => ({
  platform: "javascript",
  message: null,
  exceptions: [],
  tags: {},
  user: null,
  requestUrl: null,
  ...overrides,
});

describe("extractIdentity: user id", () => {
  it("prefers user.id and stringifies numbers", () => {
    const identity = extractIdentity(event({ user: { id: 42, username: "jane", email: "j@x.io" } }), options);
    expect(identity.userId).toBe("42");
  });

  it("falls back to username, then email", () => {
    expect(extractIdentity(event({ user: { username: "jane", email: "j@x.io" } }), options).userId).toBe(
      "jane",
    );
    expect(extractIdentity(event({ user: { id: "", email: "j@x.io" } }), options).userId).toBe("j@x.io");
  });

  it("returns an empty identity for an anonymous event", () => {
    expect(extractIdentity(event({ user: null }), options)).toEqual({
      userId: null,
      tenantId: null,
      roles: [],
    });
    expect(extractIdentity(event({ user: { ip_address: "::1" } }), options).userId).toBeNull();
  });

  it("reads the legacy Java sample's user interface", () => {
    const full = path.resolve(process.cwd(), "../shared/sentry/fixtures/events/sample-java.json");
    const user = JSON.parse(readFileSync(full, "utf8"))["sentry.interfaces.User"];
    const identity = extractIdentity(event({ user }), { tenantKeys: ["account_level"], rolesKeys: [] });
    expect(identity).toEqual({ userId: "user", tenantId: "premium", roles: [] });
  });
});

describe("extractIdentity: tenant", () => {
  it("reads the tenant from a tag", () => {
    expect(extractIdentity(event({ tags: { tenant_id: "acme" } }), options).tenantId).toBe("acme");
  });

  it("reads the tenant from an extra user key", () => {
    expect(extractIdentity(event({ user: { id: "u1", tenant_id: "globex" } }), options).tenantId).toBe(
      "globex",
    );
  });

  it("reads the tenant from user.data and stringifies numbers", () => {
    expect(extractIdentity(event({ user: { id: "u1", data: { tenant_id: 7 } } }), options).tenantId).toBe(
      "7",
    );
  });

  it("checks tags before user before user.data", () => {
    const identity = extractIdentity(
      event({
        tags: { tenant_id: "from-tag" },
        user: { tenant_id: "from-user", data: { tenant_id: "from-data" } },
      }),
      options,
    );
    expect(identity.tenantId).toBe("from-tag");
    const noTag = extractIdentity(
      event({ user: { tenant_id: "from-user", data: { tenant_id: "from-data" } } }),
      options,
    );
    expect(noTag.tenantId).toBe("from-user");
  });

  it("tries tenant keys in order and skips blank values", () => {
    const identity = extractIdentity(
      event({ tags: { tenant_id: " ", org: "initech" }, user: { org: "other" } }),
      options,
    );
    expect(identity.tenantId).toBe("initech");
  });
});

describe("extractIdentity: roles", () => {
  it("accepts an array of strings", () => {
    expect(
      extractIdentity(event({ user: { id: "u", roles: ["viewer", "admin", 3] } }), options).roles,
    ).toEqual(["admin", "viewer"]);
  });

  it("accepts a comma- or space-separated string", () => {
    expect(extractIdentity(event({ tags: { roles: "triager, admin" } }), options).roles).toEqual([
      "admin",
      "triager",
    ]);
    expect(extractIdentity(event({ user: { data: { roles: "viewer billing" } } }), options).roles).toEqual([
      "billing",
      "viewer",
    ]);
  });

  it("merges every place and key, de-duplicated and sorted", () => {
    const identity = extractIdentity(
      event({ tags: { roles: "admin,viewer" }, user: { roles: ["viewer"], data: { groups: ["ops"] } } }),
      { tenantKeys: [], rolesKeys: ["roles", "groups"] },
    );
    expect(identity.roles).toEqual(["admin", "ops", "viewer"]);
  });
});
