import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, toErrorResponse } from "./api-error";

describe("toErrorResponse", () => {
  it("answers an ApiError with its status and a JSON reason", async () => {
    const res = toErrorResponse(new ApiError("not_found", "Issue 1 not found."));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Issue 1 not found." } });
  });

  it("answers invalid input with 400 naming the field", async () => {
    const parsed = z.object({ limit: z.number() }).safeParse({ limit: "x" });
    const res = toErrorResponse(parsed.error);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^Invalid limit:/);
  });

  it("answers an unreachable database with 503 and Retry-After, not 500", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const wrapped = new Error("Failed query: select 1", { cause: refused });
    const res = toErrorResponse(wrapped);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).error.code).toBe("database_unavailable");
  });

  it("answers an unreachable IdP with 503 and the Retry-After it was given", async () => {
    const res = toErrorResponse(
      new ApiError("idp_unavailable", "keys unreachable", { retryAfterSeconds: 17 }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("17");
    expect((await res.json()).error.code).toBe("idp_unavailable");
  });

  it("answers a method the route does not serve with 405 and the methods it does serve", async () => {
    const res = toErrorResponse(new ApiError("method_not_allowed", "use POST", { allow: ["POST"] }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("answers any other failure with 500 and no internals", async () => {
    const res = toErrorResponse(new TypeError("cannot read properties of undefined (secret stack)"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/secret/);
  });
});
