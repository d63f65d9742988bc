import { afterEach, describe, expect, it, vi } from "vitest";

describe("GET /api/health/live", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("answers 200 without touching the database, even when none is reachable", async () => {
    // Nothing listens on port 1: a route that queried the database would fail or hang here.
    vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:1/nowhere");
    const { GET } = await import("./route");
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
