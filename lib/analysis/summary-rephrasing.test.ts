import { describe, expect, it } from "vitest";
import { acceptRephrasing, type RephraseRequest, rephrasingMessages } from "./summary-rephrasing";

const request: RephraseRequest = {
  deterministic:
    "TypeError (null or undefined access) in checkout/cart.ts (applyCoupon), since release web@1.4.0. It hit 12 users in 4 tenants (acme, globex, initech, …), 25% of the active tenants. Owner #payments via path:src/checkout/**. Next: look at the root PAY-12 first.",
  facts: { users: 12, tenants: 4, release: "web@1.4.0", root: "PAY-12" },
};

describe("acceptRephrasing", () => {
  it("accepts a rewording that keeps to the facts' numbers and ids", () => {
    const answer =
      "  Since web@1.4.0, applyCoupon in checkout/cart.ts reads an undefined value, hurting 12 users across 4 tenants (25% of active ones). #payments owns it; start with PAY-12.  ";
    expect(acceptRephrasing(answer, request)).toEqual({ text: answer.trim() });
  });

  it("refuses invented numbers and ids, even ones that are part of a known number", () => {
    expect(acceptRephrasing("It hit 13 users.", request)).toEqual({ rejected: '"13" is not in the facts' });
    expect(acceptRephrasing("It hit 2 users.", request)).toEqual({ rejected: '"2" is not in the facts' });
    expect(acceptRephrasing("Revert web@1.4.1.", request)).toEqual({
      rejected: '"web@1.4.1" is not in the facts',
    });
    expect(acceptRephrasing("Look at PAY-13 first.", request)).toMatchObject({
      rejected: expect.any(String),
    });
    expect(acceptRephrasing("About a dozen users are hurt.", request)).toEqual({
      rejected: '"dozen" is not in the facts',
    });
  });

  it("refuses empty, overlong and marked-up answers", () => {
    expect(acceptRephrasing("   ", request)).toEqual({ rejected: "empty answer" });
    expect(acceptRephrasing("x".repeat(2000), request)).toMatchObject({
      rejected: expect.stringMatching(/over/),
    });
    expect(acceptRephrasing("<b>bad</b>", request)).toEqual({ rejected: "answer carries markup" });
  });
});

describe("rephrasingMessages", () => {
  it("holds only the facts and the deterministic text", () => {
    const [system, user] = rephrasingMessages(request);
    expect(system?.role).toBe("system");
    expect(user?.content).toBe(
      `Facts (JSON):\n${JSON.stringify(request.facts)}\n\nSummary to rewrite:\n${request.deterministic}`,
    );
  });
});
