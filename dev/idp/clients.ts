import type { ClientMetadata } from "oidc-provider";

/** Resource indicator of the Sift API. RFC 8707 (and oidc-provider) require an absolute URI here. */
export const apiResource = "urn:sift:api";
/** Audience placed in access tokens for the Sift API; matches the OIDC_AUDIENCE default. */
export const apiAudience = "sift-api";
/** The one scope the Sift API resource server knows. */
export const apiScope = "sift:api";

export const dashboardClientId = "sift-dashboard";
export const e2eClient = { clientId: "sift-e2e", clientSecret: "sift-e2e-secret" } as const;

/** Identity carried by machine tokens of the e2e client, so API tests act as a triager. */
export const e2eClientClaims = {
  name: "Sift E2E",
  roles: ["triager"],
  tenant_id: "sift",
};

type ClientOptions = { redirectUris: string[]; postLogoutRedirectUris: string[] };

export function buildClients({ redirectUris, postLogoutRedirectUris }: ClientOptions): ClientMetadata[] {
  return [
    {
      // Public SPA: no secret can be kept in a browser, so PKCE protects the code instead.
      client_id: dashboardClientId,
      token_endpoint_auth_method: "none",
      application_type: "web",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutRedirectUris,
    },
    {
      client_id: e2eClient.clientId,
      client_secret: e2eClient.clientSecret,
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    },
  ];
}
