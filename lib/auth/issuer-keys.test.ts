import { jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSigningKey, type JwksServer, type SigningKey, startJwksServer } from "@/test/jwks-server";
import { AccessTokenError } from "./access-token-error";
import { createIssuerKeys } from "./issuer-keys";

// The clock is faked (Date only; sockets and timeouts stay real) so "30 s later" is exact and
// the test never sleeps.
let server: JwksServer;
let first: SigningKey;
const options = { refetchSeconds: 30, maxAgeSeconds: 600 };

beforeAll(async () => {
  server = await startJwksServer();
  first = await createSigningKey("key-1");
});
afterAll(() => server.close());
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-01-01T00:00:00Z") });
  server.setDown(false);
  server.publish([first]);
});
afterEach(() => vi.useRealTimers());

const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

function verifier() {
  const keys = createIssuerKeys(server.issuer, options);
  return (token: string) => jwtVerify(token, keys, { issuer: server.issuer, audience: "sift-api" });
}

async function strangers(count: number): Promise<string[]> {
  const key = await createSigningKey("unused");
  return Promise.all(
    Array.from({ length: count }, (_, i) => server.sign(key, {}, { kid: `stranger-${Date.now()}-${i}` })),
  );
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (e: { code?: string; reason?: string }) => e.reason ?? e.code,
  );

describe("issuer keys", () => {
  it("fetches the key set once for many concurrent tokens", async () => {
    const verify = verifier();
    const before = server.jwksFetches();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => server.sign(first)));
    await Promise.all(tokens.map(verify));
    expect(server.jwksFetches() - before).toBe(1);
  });

  it("accepts a rotated key after exactly one refetch, then serves it from the cache", async () => {
    const verify = verifier();
    await verify(await server.sign(first));
    const second = await createSigningKey("key-2");
    server.publish([second]);
    later(options.refetchSeconds + 1);

    const before = server.jwksFetches();
    await expect(verify(await server.sign(second))).resolves.toMatchObject({
      protectedHeader: { kid: "key-2" },
    });
    expect(server.jwksFetches() - before).toBe(1);
    await verify(await server.sign(second));
    expect(server.jwksFetches() - before).toBe(1);
    // The withdrawn key is gone with the old set.
    expect(await codeOf(verify(await server.sign(first)))).toBe("ERR_JWKS_NO_MATCHING_KEY");
  });

  it("lets a flood of unknown kids cause at most one fetch per refetch window", async () => {
    const verify = verifier();
    await verify(await server.sign(first));
    const before = server.jwksFetches();

    // Within the window of the first fetch: refused without a fetch.
    const soon = await Promise.all((await strangers(50)).map((t) => codeOf(verify(t))));
    expect(new Set(soon)).toEqual(new Set(["ERR_JWKS_NO_MATCHING_KEY"]));
    expect(server.jwksFetches() - before).toBe(0);

    // After the window: a concurrent burst and then a sequential trickle share one fetch.
    later(options.refetchSeconds + 1);
    await Promise.all((await strangers(50)).map((t) => codeOf(verify(t))));
    for (const token of await strangers(20)) await codeOf(verify(token));
    expect(server.jwksFetches() - before).toBe(1);

    later(options.refetchSeconds + 1);
    for (const token of await strangers(20)) await codeOf(verify(token));
    expect(server.jwksFetches() - before).toBe(2);
    // Known keys kept working throughout.
    await expect(verify(await server.sign(first))).resolves.toBeDefined();
  }, 30_000); // 140 tokens under fresh keys: seconds of CPU on a loaded machine

  it("refetches a key set older than its maximum age even for a known kid", async () => {
    const verify = verifier();
    await verify(await server.sign(first));
    const before = server.jwksFetches();
    later(options.maxAgeSeconds + 1);
    await verify(await server.sign(first));
    expect(server.jwksFetches() - before).toBe(1);
  });

  it("answers an unreachable IdP with idp_unavailable and a retry time, calling it once per window", async () => {
    const verify = verifier();
    server.setDown(true);
    const before = server.requests();

    const error = await verify(await server.sign(first)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessTokenError);
    expect(error).toMatchObject({ reason: "idp_unavailable", retryAfterSeconds: 30 });
    expect(server.requests() - before).toBe(1);

    later(10);
    const again = await Promise.all(
      Array.from({ length: 30 }, async () => codeOf(verify(await server.sign(first)))),
    );
    expect(new Set(again)).toEqual(new Set(["idp_unavailable"]));
    expect(server.requests() - before).toBe(1);
    const waiting = (await verify(await server.sign(first)).catch((e: unknown) => e)) as AccessTokenError;
    expect(waiting.retryAfterSeconds).toBe(20);

    // Back up, and the window over: the next token is checked normally.
    server.setDown(false);
    later(21);
    await expect(verify(await server.sign(first))).resolves.toBeDefined();
  });

  it("treats a key set that vanishes after discovery as unavailable too", async () => {
    const verify = verifier();
    await verify(await server.sign(first));
    server.setDown(true);
    later(options.maxAgeSeconds + 1);
    const before = server.requests();
    expect(await codeOf(verify(await server.sign(first)))).toBe("idp_unavailable");
    expect(await codeOf(verify(await server.sign(first)))).toBe("idp_unavailable");
    expect(server.requests() - before).toBe(1);
  });
});
