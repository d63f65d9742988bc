import { describe, expect, it } from "vitest";
import { computeBlastRadius } from "./blast-radius";

const hit = (userId: string | null, tenantId: string | null, roles: string[] = []) => ({
  userId,
  tenantId,
  roles,
});

describe("computeBlastRadius", () => {
  it("is empty for no events", () => {
    expect(computeBlastRadius([])).toEqual({ events: 0, users: 0, tenants: 0, topTenants: [], roles: [] });
  });

  it("counts distinct users and tenants, ignoring nulls", () => {
    const radius = computeBlastRadius([
      hit("u1", "acme"),
      hit("u1", "acme"),
      hit("u2", null),
      hit(null, "globex"),
    ]);
    expect(radius).toMatchObject({ events: 4, users: 2, tenants: 2 });
  });

  it("ranks tenants by users, then events, then id, and keeps five", () => {
    const radius = computeBlastRadius([
      hit("a1", "acme"),
      hit("a2", "acme"),
      hit("g1", "globex"),
      hit("g1", "globex"),
      hit("i1", "initech"),
      hit("h1", "hooli"),
      hit(null, "umbrella"),
      hit("s1", "stark"),
    ]);
    expect(radius.topTenants).toEqual([
      { tenantId: "acme", events: 2, users: 2 },
      { tenantId: "globex", events: 2, users: 1 },
      { tenantId: "hooli", events: 1, users: 1 },
      { tenantId: "initech", events: 1, users: 1 },
      { tenantId: "stark", events: 1, users: 1 },
    ]);
    expect(radius.tenants).toBe(6);
  });

  it("counts distinct users per role, most affected first", () => {
    const radius = computeBlastRadius([
      hit("u1", "acme", ["admin", "viewer"]),
      hit("u1", "acme", ["admin"]),
      hit("u2", "acme", ["viewer"]),
      hit("u3", "acme", ["viewer", "billing"]),
      hit(null, "acme", ["ghost"]),
    ]);
    expect(radius.roles).toEqual([
      { role: "viewer", users: 3 },
      { role: "admin", users: 1 },
      { role: "billing", users: 1 },
    ]);
  });

  it("weighs an identity by its event count, as the per-issue rollup hands it over", () => {
    const weighted = computeBlastRadius([
      { userId: "u1", tenantId: "acme", roles: ["admin"], events: 250_000 },
      { userId: "u2", tenantId: "acme", roles: [], events: 3 },
      { userId: null, tenantId: "globex", roles: [], events: 7 },
    ]);
    const unrolled = computeBlastRadius([
      ...Array.from({ length: 250_000 }, () => hit("u1", "acme", ["admin"])),
      ...Array.from({ length: 3 }, () => hit("u2", "acme")),
      ...Array.from({ length: 7 }, () => hit(null, "globex")),
    ]);
    expect(weighted).toEqual(unrolled);
    expect(weighted).toMatchObject({ events: 250_010, users: 2, tenants: 2 });
    expect(weighted.topTenants[0]).toEqual({ tenantId: "acme", events: 250_003, users: 2 });
  });
});
