import { describe, expect, it } from "vitest";
import { dedupeKey } from "./dedupe-key";

describe("dedupeKey", () => {
  it("identifies deliveries by payload ids, not by Request-ID or body bytes", () => {
    const payload = { action: "created", data: { error: { event_id: "ABC" } } };
    expect(dedupeKey("error", payload, "one body")).toBe("error:created:abc");
    expect(dedupeKey("error", payload, "another body")).toBe("error:created:abc");
  });

  it("distinguishes issue actions and states, and comment edits", () => {
    const issue = (status: string) => ({
      action: "resolved",
      data: { issue: { id: "1", lastSeen: "t", status } },
    });
    expect(dedupeKey("issue", issue("resolved"), "")).not.toBe(dedupeKey("issue", issue("unresolved"), ""));
    const comment = (timestamp: string) => ({ action: "updated", data: { comment_id: 7, timestamp } });
    expect(dedupeKey("comment", comment("a"), "")).not.toBe(dedupeKey("comment", comment("b"), ""));
  });

  it("falls back to a hash of the body when the ids are missing", () => {
    const key = dedupeKey("error", { action: "created", data: {} }, "{}");
    expect(key).toMatch(/^error:created:sha256:[0-9a-f]{64}$/);
    expect(dedupeKey("error", { action: "created", data: {} }, "{ }")).not.toBe(key);
  });
});
