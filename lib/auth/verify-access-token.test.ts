import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiResource, apiScope, e2eClient } from "@/dev/idp/clients";
import { type RunningIdp, startIdp } from "@/dev/idp/start-idp";
import { parseRoles, readClaim } from "./roles";

type Module = typeof import("./verify-access-token");

const kid = "test-key";
let idp: RunningIdp;
let idpKey: CryptoKey;
let verifyAccessToken: Module["verifyAccessToken"];
let AccessTokenError: Module["AccessTokenError"];

beforeAll(async () => {
  // The IdP signs with a key the test also holds, so each forged token breaks exactly one rule.
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  idpKey = privateKey;
  const signingKey = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  idp = await startIdp({ port: 0, redirectUris: ["http://localhost:3000/auth/callback"], signingKey });

  // lib/env parses process.env on import, so configure it before the first import.
  Object.assign(process.env, {
    OIDC_ISSUER: idp.issuer,
    OIDC_AUDIENCE: "sift-api",
    OIDC_ROLES_CLAIM: "roles",
    OIDC_ALGORITHMS: "RS256,ES256",
  });
  ({ verifyAccessToken, AccessTokenError } = await import("./verify-access-token"));
});

afterAll(async () => {
  await idp?.close();
});

async function fetchClientCredentialsToken(): Promise<string> {
  const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
  const credentials = Buffer.from(`${e2eClient.clientId}:${e2eClient.clientSecret}`).toString("base64");
  const response = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: { authorization: `Basic ${credentials}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", resource: apiResource, scope: apiScope }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.access_token;
}

function forge(claims: JWTPayload, options: { key?: CryptoKey | Uint8Array; alg?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    sub: "mallory",
    iss: idp.issuer,
    aud: "sift-api",
    iat: now,
    exp: now + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: options.alg ?? "RS256", kid, typ: "at+jwt" })
    .sign(options.key ?? idpKey);
}

async function expectRefused(token: string, reason: string) {
  const error = await verifyAccessToken(token).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AccessTokenError);
  expect((error as InstanceType<Module["AccessTokenError"]>).reason).toBe(reason);
}

describe("verifyAccessToken", () => {
  it("accepts a client-credentials token from the real IdP", async () => {
    const principal = await verifyAccessToken(await fetchClientCredentialsToken());
    expect(principal).toEqual({
      sub: "sift-e2e",
      name: "Sift E2E",
      email: null,
      roles: ["triager"],
      tenantId: "sift",
    });
  });

  it("accepts a well-formed token and drops unknown role names", async () => {
    const principal = await verifyAccessToken(
      await forge({ roles: ["root", "viewer"], email: "m@example.com" }),
    );
    expect(principal).toMatchObject({
      sub: "mallory",
      email: "m@example.com",
      roles: ["viewer"],
      tenantId: null,
    });
  });

  it("maps a token without any known role to no roles", async () => {
    expect((await verifyAccessToken(await forge({}))).roles).toEqual([]);
  });

  it("refuses a token signed by another key under the same kid and issuer", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    await expectRefused(await forge({}, { key: privateKey }), "invalid_signature");
  });

  it("refuses a token from another issuer", async () => {
    await expectRefused(await forge({ iss: "http://localhost:1/evil" }), "invalid_issuer");
  });

  it("refuses a token for another audience", async () => {
    await expectRefused(await forge({ aud: "someone-else" }), "invalid_audience");
  });

  it("refuses an expired token", async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(await forge({ iat: past - 60, exp: past }), "expired");
  });

  it("refuses HS256 even when keyed with public material", async () => {
    const secret = new TextEncoder().encode("a-shared-secret-of-at-least-32-bytes!");
    await expectRefused(await forge({}, { key: secret, alg: "HS256" }), "algorithm_not_allowed");
  });

  it("refuses garbage", async () => {
    await expectRefused("not-a-jwt", "malformed");
  });
});

describe("roles claim", () => {
  it("reads arrays, space or comma separated strings, and Keycloak's dotted path", () => {
    expect(parseRoles(["admin", "nope"])).toEqual(["admin"]);
    expect(parseRoles("viewer triager,admin")).toEqual(["viewer", "triager", "admin"]);
    expect(parseRoles(42)).toEqual([]);
    expect(parseRoles(readClaim({ realm_access: { roles: ["triager"] } }, "realm_access.roles"))).toEqual([
      "triager",
    ]);
    expect(readClaim({ "https://sift.example/roles": "admin" }, "https://sift.example/roles")).toBe("admin");
  });
});
