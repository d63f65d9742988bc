import { base64url, SignJWT } from "jose";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSigningKey, type JwksServer, type SigningKey, startJwksServer } from "@/test/jwks-server";

type WithAuth = typeof import("./with-auth").withAuth;

// Every refusal a token can earn, through the one wrapper every API route uses, against an issuer
// whose keys the test holds: each is answered 401 with the reason in JSON, and an unreachable IdP
// 503 with Retry-After.
let server: JwksServer;
let key: SigningKey;
let psKey: SigningKey;
let route: ReturnType<WithAuth>;

beforeAll(async () => {
  server = await startJwksServer();
  key = await createSigningKey("current");
  psKey = await createSigningKey("ps-key", "PS256");
  server.publish([key, psKey, await createSigningKey("es512-key", "ES512")]);
  // lib/env parses process.env on first import.
  Object.assign(process.env, { OIDC_ISSUER: server.issuer, OIDC_AUDIENCE: "sift-api" });
  delete process.env.OIDC_ALGORITHMS;
  delete process.env.OIDC_CLOCK_SKEW_SECONDS;
  delete process.env.OIDC_JWKS_REFETCH_SECONDS;
  const { withAuth } = await import("./with-auth");
  route = withAuth(async ({ principal }) => Response.json({ sub: principal.sub }), { role: "viewer" });
});
afterAll(() => server.close());

async function call(authorization?: string) {
  const headers = new Headers(authorization ? { authorization } : {});
  const res = await route(new NextRequest("http://localhost/api/test", { headers }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const now = () => Math.floor(Date.now() / 1000);
const bearer = (token: string) => `Bearer ${token}`;

async function expectRefused(token: string, reason: string) {
  const { status, body, headers } = await call(bearer(token));
  expect({ status, code: body.error?.code, reason: body.error?.details?.reason }).toEqual({
    status: 401,
    code: "unauthorized",
    reason,
  });
  expect(headers.get("www-authenticate")).toMatch(/^Bearer /);
}

describe("withAuth token checks", () => {
  it("serves a valid token", async () => {
    expect(await call(bearer(await server.sign(key)))).toMatchObject({
      status: 200,
      body: { sub: "engineer-1" },
    });
  });

  it("refuses a request without a Bearer token", async () => {
    expect((await call()).status).toBe(401);
    expect((await call("Basic YWxpY2U6c2VjcmV0")).status).toBe(401);
  });

  it("refuses alg none", async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", kid: "current", typ: "at+jwt" }));
    const payload = base64url.encode(
      JSON.stringify({ sub: "x", iss: server.issuer, aud: "sift-api", exp: now() + 300 }),
    );
    await expectRefused(`${header}.${payload}.`, "algorithm_not_allowed");
  });

  it("refuses HS256, even with a secret an attacker could guess", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(key.publicJwk));
    const token = await new SignJWT({ sub: "x", roles: ["admin"] })
      .setProtectedHeader({ alg: "HS256", kid: "current" })
      .setIssuer(server.issuer)
      .setAudience("sift-api")
      .setExpirationTime("5m")
      .sign(secret);
    await expectRefused(token, "algorithm_not_allowed");
  });

  it("accepts PS256 by default and refuses an asymmetric algorithm not on the list", async () => {
    expect((await call(bearer(await server.sign(psKey)))).status).toBe(200);
    // The IdP publishes an ES512 key, but ES512 is not on the default list.
    const es512 = await createSigningKey("es512-key", "ES512");
    await expectRefused(await server.sign(es512), "algorithm_not_allowed");
  });

  it("refuses another issuer, another audience and a missing subject", async () => {
    await expectRefused(await server.sign(key, { iss: "https://evil.example" }), "invalid_issuer");
    await expectRefused(await server.sign(key, { aud: "another-api" }), "invalid_audience");
    await expectRefused(await server.sign(key, { sub: undefined }), "invalid_claims");
  });

  it("refuses a token signed by another key under a known kid, and an unknown kid", async () => {
    const impostor = { ...(await createSigningKey("current")) };
    await expectRefused(await server.sign(impostor), "invalid_signature");
    await expectRefused(await server.sign(await createSigningKey("nobody-knows")), "unknown_key");
  });

  it("allows 30 s of clock skew on exp and nbf, not more", async () => {
    expect((await call(bearer(await server.sign(key, { exp: now() - 20 })))).status).toBe(200);
    await expectRefused(await server.sign(key, { iat: now() - 600, exp: now() - 45 }), "expired");
    expect((await call(bearer(await server.sign(key, { nbf: now() + 20 })))).status).toBe(200);
    await expectRefused(await server.sign(key, { nbf: now() + 60 }), "not_yet_valid");
  });

  it("refuses garbage", async () => {
    await expectRefused("not-a-jwt", "malformed");
  });

  it("answers 503 with Retry-After, not 401, when the IdP cannot be reached", async () => {
    // Keys are cached: only a stale cache (or an unknown kid) needs the IdP. Jump past its maximum age.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 11 * 60_000 });
    try {
      server.setDown(true);
      const token = await server.sign(key);
      const first = await call(bearer(token));
      expect(first.status).toBe(503);
      expect(first.headers.get("retry-after")).toBe("30");
      expect(first.body.error.code).toBe("idp_unavailable");
      expect(first.headers.get("www-authenticate")).toBeNull();

      const before = server.requests();
      const second = await call(bearer(token));
      expect(second.status).toBe(503);
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(server.requests()).toBe(before);
    } finally {
      server.setDown(false);
      vi.useRealTimers();
    }
  });
});
