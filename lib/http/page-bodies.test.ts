import { describe, expect, it } from "vitest";
import { ownerOfTeam } from "./page-bodies";

describe("ownerOfTeam", () => {
  it("reads a team URL back as the owner analyses write, the way the owner badge links it", () => {
    // The badge links "#payments" as /teams/payments (app/_components/page-links.tsx).
    expect(ownerOfTeam("payments")).toBe("#payments");
    expect(ownerOfTeam("#payments")).toBe("#payments");
    expect(ownerOfTeam("enterprise-support")).toBe("#enterprise-support");
    // Owners given as an email are stored lower-cased (normaliseOwner); the URL may not be.
    expect(ownerOfTeam("Alice@Example.com")).toBe("alice@example.com");
  });
});
