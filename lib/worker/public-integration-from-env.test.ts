import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env.ts parses the environment once per module load: each case loads it afresh.
async function fromEnv(vars: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const { publicIntegrationFromEnv } = await import("./settings-from-env");
  return publicIntegrationFromEnv();
}

describe("publicIntegrationFromEnv", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
  const complete = { SENTRY_CLIENT_ID: "client-id", SENTRY_CLIENT_SECRET: "client-secret" };

  it("is off without SENTRY_CLIENT_ID", async () => {
    expect(await fromEnv({ SENTRY_CLIENT_ID: "", SIFT_ENCRYPTION_KEY: "" })).toBeNull();
  });

  it("refuses to start without a key, or with one that is not 32 bytes of base64, and says why", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await fromEnv({ ...complete, SIFT_ENCRYPTION_KEY: "" })).toEqual({
      error: expect.stringMatching(/SIFT_ENCRYPTION_KEY is not set.*openssl rand -base64 32/),
    });
    expect(await fromEnv({ ...complete, SIFT_ENCRYPTION_KEY: randomBytes(16).toString("base64") })).toEqual({
      error: expect.stringMatching(/16 bytes, not 32/),
    });
    expect(await fromEnv({ ...complete, SIFT_ENCRYPTION_KEY: "correct horse battery staple" })).toEqual({
      error: expect.stringMatching(/not base64/),
    });
    expect(logged).toHaveBeenCalledTimes(3);
  });

  it("is ready with a client id, the secret and a well-formed key", async () => {
    const integration = await fromEnv({
      ...complete,
      SIFT_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    });
    expect(integration).toMatchObject({
      credentials: { clientId: "client-id", clientSecret: "client-secret" },
      keyring: [{ id: expect.stringMatching(/^[0-9a-f]{8}$/) }],
    });
  });
});
