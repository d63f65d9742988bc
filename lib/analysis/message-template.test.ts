import { describe, expect, it } from "vitest";
import { toMessageTemplate } from "./message-template";

describe("toMessageTemplate", () => {
  it("replaces numbers, ids, uuids, emails and quoted values", () => {
    expect(
      toMessageTemplate(
        'Order 4521 for jane.doe+x@acme.io failed: session 3f9a1c2e7b8d4e01 at 0xdeadBEEF, request 123e4567-e89b-12d3-a456-426614174000 said "card declined"',
      ),
    ).toBe('Order <n> for <email> failed: session <id> at <id>, request <uuid> said "<str>"');
  });

  it("keeps the quote character and leaves apostrophes inside words alone", () => {
    expect(toMessageTemplate("Object [object Object] has no method 'updateFrom'")).toBe(
      "Object [object Object] has no method '<str>'",
    );
    expect(toMessageTemplate("can't find `user_42` and isn't retrying")).toBe(
      "can't find `<str>` and isn't retrying",
    );
  });

  it("does not touch digits that are part of identifiers", () => {
    expect(toMessageTemplate("utf8 decode failed in v3 after 12.5s")).toBe(
      "utf8 decode failed in v3 after 12.5s",
    );
    expect(toMessageTemplate("timeout after 30 s (attempt 2 of 3)")).toBe(
      "timeout after <n> s (attempt <n> of <n>)",
    );
  });

  it("maps two messages of the same bug to the same template", () => {
    const a = toMessageTemplate("User 17 not found in tenant 'acme'");
    const b = toMessageTemplate("User 90210 not found in tenant 'globex'");
    expect(a).toBe(b);
  });

  it("returns null for empty messages and collapses whitespace", () => {
    expect(toMessageTemplate(null)).toBeNull();
    expect(toMessageTemplate("   ")).toBeNull();
    expect(toMessageTemplate(" divided \n by 0 ")).toBe("divided by <n>");
  });
});
