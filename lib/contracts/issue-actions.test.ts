import { describe, expect, it } from "vitest";
import { issueActionBody } from "./issue-actions";

describe("issueActionBody", () => {
  it("takes the four actions, a team slug with or without #, and archive until escalating by default", () => {
    expect(issueActionBody.parse({ action: "resolve" })).toEqual({ action: "resolve" });
    expect(issueActionBody.parse({ action: "assign", team: "#payments" })).toEqual({
      action: "assign",
      team: "payments",
    });
    expect(issueActionBody.parse({ action: "archive" })).toEqual({ action: "archive", until: "escalating" });
    expect(issueActionBody.parse({ action: "archive", until: { minutes: 30 } })).toMatchObject({
      until: { minutes: 30 },
    });
  });

  it.each([
    { action: "assign" },
    { action: "assign", team: "two words" },
    { action: "archive", until: "tomorrow" },
    { action: "archive", until: { minutes: 0 } },
    { action: "resolve", team: "payments" },
    { action: "merge" },
  ])("refuses %j", (body) => {
    expect(issueActionBody.safeParse(body).success).toBe(false);
  });
});
