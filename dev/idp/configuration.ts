import { generateKeyPairSync, randomBytes } from "node:crypto";
import { type Configuration, errors, type JWK, type KoaContextWithOIDC } from "oidc-provider";
import { findAccountBySub, toIdentityClaims } from "./accounts";
import { apiAudience, apiResource, apiScope, buildClients, e2eClient, e2eClientClaims } from "./clients";

export type IdpConfigOptions = {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accessTokenTtlSeconds: number;
  /** Private RS256 JWK with a kid; a fresh one per start when absent. */
  signingKey?: JWK;
};

/** oidc-provider settings for Sift's dev/test IdP: JWT access tokens for the Sift API, seeded accounts. */
export function buildConfiguration(options: IdpConfigOptions): Configuration {
  // Browsers may call discovery, jwks and token only from the dashboard's own origins.
  const allowedOrigins = new Set(
    [...options.redirectUris, ...options.postLogoutRedirectUris].map((uri) => new URL(uri).origin),
  );
  return {
    clients: buildClients(options),
    jwks: { keys: [options.signingKey ?? createSigningKey()] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    findAccount: (_ctx, sub) => {
      // Returning undefined for an unknown subject makes any later use of its session fail.
      const account = findAccountBySub(sub);
      return (
        account && {
          accountId: account.sub,
          claims: () => ({ sub: account.sub, ...toIdentityClaims(account) }),
        }
      );
    },
    claims: {
      openid: ["sub"],
      profile: ["name", "roles", "tenant_id"],
      email: ["email", "email_verified"],
    },
    // Put profile claims (roles included) in the ID token: the SPA sets loadUserInfo: false.
    conformIdTokenClaims: false,
    clientBasedCORS: (_ctx, origin) => allowedOrigins.has(origin),
    extraTokenClaims: (_ctx, token) => {
      if (token.kind === "ClientCredentials") {
        return token.clientId === e2eClient.clientId ? e2eClientClaims : undefined;
      }
      const account = findAccountBySub(token.accountId);
      return account && toIdentityClaims(account);
    },
    // The dashboard renews silently with rotating refresh tokens bound to the IdP session,
    // so it needs neither offline_access (which forces a consent prompt) nor an iframe.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf?.[0] ?? apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== apiResource) throw new errors.InvalidTarget();
          return {
            scope: apiScope,
            audience: apiAudience,
            accessTokenFormat: "jwt",
            accessTokenTTL: options.accessTokenTtlSeconds,
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
      rpInitiatedLogout: { enabled: true, logoutSource: confirmLogout },
    },
  };
}

// By default tokens never outlive the IdP process that issued them.
function createSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(8).toString("hex");
  return { ...(privateKey.export({ format: "jwk" }) as JWK), kid, alg: "RS256", use: "sig" };
}

// Signing out of Sift should not stop at an IdP "are you sure?" page in dev and e2e runs.
function confirmLogout(ctx: KoaContextWithOIDC, form: string) {
  ctx.type = "html";
  ctx.body = `<!doctype html><html><head><meta charset="utf-8"><title>Signing out</title></head><body>
${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>document.forms[0].requestSubmit(document.querySelector('button[name=logout]'))</script>
</body></html>`;
}
