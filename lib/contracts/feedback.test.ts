import { describe, expect, it } from "vitest";
import { feedbackBody } from "./feedback";

const reasons = (body: unknown) => {
  const parsed = feedbackBody.safeParse(body);
  return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("feedbackBody", () => {
  it("takes a confirmation without a value, dropping any value sent", () => {
    expect(feedbackBody.parse({ kind: "priority", verdict: "confirm", value: "P0" })).toEqual({
      kind: "priority",
      verdict: "confirm",
      value: null,
    });
  });

  it("writes a corrected owner as rules write it", () => {
    expect(feedbackBody.parse({ kind: "owner", verdict: "correct", value: " billing " }).value).toBe(
      "#billing",
    );
    expect(feedbackBody.parse({ kind: "owner", verdict: "correct", value: "Dana@Acme.io" }).value).toBe(
      "dana@acme.io",
    );
  });

  it("needs a valid value for each kind of correction", () => {
    expect(reasons({ kind: "owner", verdict: "correct" })).toEqual([
      "value: a correction of owner needs a value: a #team or an email",
    ]);
    expect(reasons({ kind: "owner", verdict: "correct", value: "two words" })).not.toBeNull();
    expect(reasons({ kind: "category", verdict: "correct", value: "database" })).toBeNull();
    expect(reasons({ kind: "category", verdict: "correct", value: "cosmic_rays" })?.[0]).toContain(
      "one of null_access",
    );
    expect(reasons({ kind: "priority", verdict: "correct", value: "P4" })).not.toBeNull();
    expect(reasons({ kind: "priority", verdict: "correct", value: "P1" })).toBeNull();
    expect(reasons({ kind: "duplicate_of", verdict: "correct", value: "PAY-12" })).not.toBeNull();
    expect(reasons({ kind: "incident_root", verdict: "correct", value: "123" })).toBeNull();
    expect(reasons({ kind: "severity", verdict: "correct", value: "P1" })).not.toBeNull();
    expect(reasons({ kind: "owner", verdict: "maybe" })).not.toBeNull();
  });
});
