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

describe("dedupeKey with long parts", () => {
  const long = (seed: string) => Array.from({ length: 400 }, (_, i) => `${seed}${i * 7919}`).join("");
  const issue = (action: string, status: string) => ({
    action,
    data: { issue: { id: "1", lastSeen: "t", status } },
  });

  it("hashes any part longer than 128 characters, so the unique index can hold the key", () => {
    const key = dedupeKey(long("r"), issue(long("a"), long("s")), "{}");
    expect(key).toMatch(/^sha256:[0-9a-f]{64}:sha256:[0-9a-f]{64}:sha256:[0-9a-f]{64}$/);
    expect(dedupeKey(long("r"), issue(long("A"), long("s")), "{}")).not.toBe(key);
    const known = dedupeKey("issue", issue("resolved", long("s")), "");
    expect(known).toMatch(/^issue:resolved:1:t:sha256:[0-9a-f]{64}$/);
  });

  it("leaves short parts as they were, so keys stored before stay valid", () => {
    expect(dedupeKey("issue", issue("resolved", "resolved"), "")).toBe("issue:resolved:1:t:resolved");
  });
});
