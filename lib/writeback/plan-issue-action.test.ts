import { describe, expect, it } from "vitest";
import { planIssueAction } from "./plan-issue-action";

const unassigned = { status: "unresolved", substatus: "ongoing", assignee: null };
const resolve = { kind: "resolve" as const, until: null, untilMinutes: null, before: unassigned };
const assign = { kind: "assign" as const, until: null, untilMinutes: null, before: unassigned };
const ann = { type: "user", id: "7", name: "Ann" };

describe("planIssueAction", () => {
  it("writes over the state the triager saw", () => {
    expect(planIssueAction(resolve, { status: "unresolved", assignedTo: null })).toEqual({
      kind: "write",
      update: { status: "resolved" },
    });
    expect(planIssueAction(assign, { status: "unresolved", assignedTo: null }, "101")).toEqual({
      kind: "write",
      update: { assignedTo: "team:101" },
    });
  });

  it("writes nothing when Sentry already shows what was asked (a lost answer's retry)", () => {
    expect(planIssueAction(resolve, { status: "resolved", assignedTo: null }).kind).toBe("done");
    const team = { type: "team", id: "101", name: "payments" };
    expect(planIssueAction(assign, { status: "unresolved", assignedTo: team }, "101").kind).toBe("done");
  });

  it("lets a change made in Sentry since the request win", () => {
    expect(planIssueAction(resolve, { status: "ignored", assignedTo: null })).toEqual({
      kind: "superseded",
      note: "ignored in Sentry since",
    });
    expect(planIssueAction(assign, { status: "unresolved", assignedTo: ann }, "101")).toEqual({
      kind: "superseded",
      note: "assigned to Ann in Sentry since",
    });
    const wasAnn = { ...assign, before: { ...unassigned, assignee: ann } };
    expect(planIssueAction(wasAnn, { status: "unresolved", assignedTo: null }, "101")).toEqual({
      kind: "superseded",
      note: "unassigned in Sentry since",
    });
    // Reassigning away from the assignee the triager saw is what they asked for.
    expect(planIssueAction(wasAnn, { status: "unresolved", assignedTo: ann }, "101").kind).toBe("write");
  });
});
