import { describe, expect, it } from "vitest";
import type { OwnerVerdict } from "@/lib/analysis/types";
import { confidentTeamSlug, planAssignment } from "./plan-assignment";

const byRule: OwnerVerdict = { owner: "#payments", source: "ownership_rule", rule: "path:src/** #payments" };
const fallback: OwnerVerdict = { owner: "#triage", source: "fallback", rule: null };
const unassigned = { assignment: null, mirrored: null };

describe("confidentTeamSlug", () => {
  it("is the team of an ownership rule, never the fallback triage team or a user", () => {
    expect(confidentTeamSlug(byRule)).toBe("payments");
    expect(confidentTeamSlug(fallback)).toBeNull();
    expect(confidentTeamSlug({ ...byRule, owner: "ann@example.com" })).toBeNull();
  });
});

describe("planAssignment", () => {
  it("assigns a confident team when the mode is assign and nobody has the issue", () => {
    expect(planAssignment("assign", byRule, unassigned)).toEqual({ kind: "assign", teamSlug: "payments" });
  });

  it("does not assign in the off and comment modes", () => {
    expect(planAssignment("comment", byRule, unassigned).kind).toBe("skip");
    expect(planAssignment("off", byRule, unassigned).kind).toBe("skip");
  });

  it("does not assign below the confidence threshold", () => {
    expect(planAssignment("assign", fallback, unassigned)).toMatchObject({
      kind: "skip",
      reason: expect.stringMatching(/no ownership rule/),
    });
  });

  it("assigns once, and never after someone else assigned the issue", () => {
    expect(planAssignment("assign", byRule, { assignment: "assigned", mirrored: null }).kind).toBe("skip");
    expect(planAssignment("assign", byRule, { assignment: "left", mirrored: null }).kind).toBe("skip");
    const human = { type: "user", id: "7", name: "Ann" };
    expect(planAssignment("assign", byRule, { assignment: null, mirrored: human })).toEqual({
      kind: "skip",
      reason: "already assigned to Ann in Sentry",
      leave: true,
    });
  });
});
