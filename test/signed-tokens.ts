import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { startIdp } from "@/dev/idp/start-idp";

export type TokenIssuer = {
  issuer: string;
  /** An access token for the Sift API with these roles, signed with the issuer's own key. */
  tokenFor: (roles: string[], claims?: Record<string, unknown>) => Promise<string>;
  close: () => Promise<void>;
};

/**
 * The local OpenID provider with a signing key the test holds, so route tests can act as any role
 * without a browser sign-in. Set OIDC_ISSUER to `issuer` before lib/env is first imported.
 */
export async function startTokenIssuer(): Promise<TokenIssuer> {
  const kid = "route-test-key";
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const idp = await startIdp({ port: 0, redirectUris: ["http://localhost:3000/auth/callback"], signingKey });
  return {
    issuer: idp.issuer,
    tokenFor: (roles, claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ sub: `user-${roles.join("-")}`, roles, iat: now, exp: now + 300, ...claims })
        .setIssuer(idp.issuer)
        .setAudience("sift-api")
        .setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" })
        .sign(privateKey);
    },
    close: () => idp.close(),
  };
}
