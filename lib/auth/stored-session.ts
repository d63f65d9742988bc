// The signed-in user as oidc-client-ts keeps it in localStorage (lib/auth/oidc-client.ts), read
// without the library: the list page's request starts before the app hydrates
// (lib/query/issue-list-prefetch.ts), and by then only the <html> element and storage are there.

/** Which IdP and client the stored user belongs to; the server writes them onto <html> per request. */
export type StoredSessionConfig = { issuer: string; clientId: string };

/** The <html> attributes carrying `config` (app/layout.tsx). */
export function storedSessionAttributes(config: StoredSessionConfig): Record<string, string> {
  return { "data-oidc-issuer": config.issuer, "data-oidc-client-id": config.clientId };
}

/** Reads back what `storedSessionAttributes` wrote; null when sign-in is not configured. */
export function readStoredSessionConfig(element: HTMLElement): StoredSessionConfig | null {
  const { oidcIssuer, oidcClientId } = element.dataset;
  return oidcIssuer && oidcClientId ? { issuer: oidcIssuer, clientId: oidcClientId } : null;
}

/**
 * oidc-client-ts's key for the user: its WebStorageStateStore prefix ("oidc.") and
 * UserManager's `user:<authority>:<client_id>`, the authority being our issuer.
 */
export function storedUserKey(config: StoredSessionConfig): string {
  return `oidc.user:${config.issuer}:${config.clientId}`;
}

/**
 * The stored access token if it stays valid for `minValiditySeconds` more, else null (signed out,
 * expired, or unreadable): the caller then waits for oidc-client-ts, which can renew it.
 */
export function storedAccessToken(
  storage: Pick<Storage, "getItem">,
  config: StoredSessionConfig,
  nowSeconds: number,
  minValiditySeconds: number,
): string | null {
  let user: { access_token?: unknown; expires_at?: unknown };
  try {
    user = JSON.parse(storage.getItem(storedUserKey(config)) ?? "null") ?? {};
  } catch {
    return null;
  }
  const { access_token: token, expires_at: expiresAt } = user;
  if (typeof token !== "string" || !token || typeof expiresAt !== "number") return null;
  return expiresAt - nowSeconds >= minValiditySeconds ? token : null;
}
