/**
 * What the browser needs to sign in. Built from server env at request time (app/layout.tsx)
 * and passed down as props, so one build works against any IdP.
 */
export type AuthConfig = {
  /** OIDC issuer URL; "" when OIDC_ISSUER is unset (the sign-in screen then says so). */
  issuer: string;
  clientId: string;
  /** Space-separated scopes, including the API scope. */
  scope: string;
  /** Audience the API demands; the server checks it, the browser only reports it. */
  audience: string;
  /** RFC 8707 resource indicator to request, if the IdP needs one to pick the audience. */
  resource?: string;
  /** ID token claim holding roles (dotted paths allowed); defaults to "roles". */
  rolesClaim?: string;
};
