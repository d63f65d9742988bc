// The signed-in user as oidc-client-ts keeps it in localStorage (lib/auth/oidc-client.ts), read
// without the library: the list page's request starts from an inline script before any bundle
// loads (lib/query/early-list-request.ts), when only storage is there.

/** Which IdP and client the stored user belongs to. */
export type StoredSessionConfig = { issuer: string; clientId: string };

/**
 * oidc-client-ts's key for the user: its WebStorageStateStore prefix ("oidc.") and
 * UserManager's `user:<authority>:<client_id>`, the authority being our issuer.
 */
export function storedUserKey(config: StoredSessionConfig): string {
  return `oidc.user:${config.issuer}:${config.clientId}`;
}

/**
 * The access token stored under `key` (storedUserKey) if it stays valid for `minValiditySeconds`
 * more, else null (signed out, expired, or unreadable): the caller then waits for oidc-client-ts,
 * which can renew it. Self-contained (it uses nothing but its arguments and built-ins): the page's
 * first script carries its source text (lib/query/early-list-request.ts).
 */
export function storedAccessToken(
  storage: Pick<Storage, "getItem">,
  key: string,
  nowSeconds: number,
  minValiditySeconds: number,
): string | null {
  let user: { access_token?: unknown; expires_at?: unknown };
  try {
    user = JSON.parse(storage.getItem(key) ?? "null") ?? {};
  } catch {
    return null;
  }
  const { access_token: token, expires_at: expiresAt } = user;
  if (typeof token !== "string" || !token || typeof expiresAt !== "number") return null;
  return expiresAt - nowSeconds >= minValiditySeconds ? token : null;
}
