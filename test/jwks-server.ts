import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";

export type SigningKey = { kid: string; alg: string; privateKey: CryptoKey; publicJwk: JWK };

export type JwksServer = {
  issuer: string;
  /** Requests for the key set so far (discovery not counted). */
  jwksFetches: () => number;
  /** Every request so far, answered or not. */
  requests: () => number;
  /** Replaces the published keys, as an IdP rotating its signing key does. */
  publish: (keys: SigningKey[]) => void;
  /** "down": every request answers 503, as a crashed IdP behind a proxy does. */
  setDown: (down: boolean) => void;
  /** A token for the Sift API signed with `key`; `claims` override the valid defaults. */
  sign: (key: SigningKey, claims?: JWTPayload, header?: { alg?: string; kid?: string }) => Promise<string>;
  close: () => Promise<void>;
};

export async function createSigningKey(kid: string, alg = "RS256"): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

/**
 * A minimal OpenID issuer for tests: a discovery document and a key set the test controls and
 * counts, so key rotation, refetch limits and an unreachable IdP can be shown without waiting on
 * a real provider's rotation schedule.
 */
export async function startJwksServer(audience = "sift-api"): Promise<JwksServer> {
  let keys: JWK[] = [];
  let down = false;
  let fetches = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (down) return void res.writeHead(503).end();
    if (req.url === "/.well-known/openid-configuration") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    }
    if (req.url === "/jwks") {
      fetches += 1;
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ keys }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    jwksFetches: () => fetches,
    requests: () => requests,
    publish: (next) => {
      keys = next.map((k) => k.publicJwk);
    },
    setDown: (value) => {
      down = value;
    },
    sign: (key, claims = {}, header = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        sub: "engineer-1",
        roles: ["viewer"],
        iss: issuer,
        aud: audience,
        iat: now,
        exp: now + 300,
        ...claims,
      })
        .setProtectedHeader({ alg: header.alg ?? key.alg, kid: header.kid ?? key.kid, typ: "at+jwt" })
        .sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
