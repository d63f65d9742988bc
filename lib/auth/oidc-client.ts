import { User, UserManager, WebStorageStateStore } from "oidc-client-ts";
import type { AuthConfig } from "./auth-config";
import { type StoredSessionConfig, storedUserKey } from "./stored-session";

// Browser-only module state: one UserManager per page, so the callback page, the AuthProvider and
// the API fetcher all see the same user and the same silent-renew timer.
let config: AuthConfig | null = null;
let manager: UserManager | null = null;
let callback: { url: string; promise: Promise<User | undefined> } | null = null;

/** The page that says sign-out worked (app/auth/signed-out). */
export const signedOutPath = "/auth/signed-out";

/** Idempotent: safe to call on every render with an equal config. */
export function configureOidc(next: AuthConfig): void {
  if (config && JSON.stringify(config) === JSON.stringify(next)) return;
  config = next;
  manager?.stopSilentRenew();
  manager = null;
}

export function isOidcConfigured(): boolean {
  return Boolean(config?.issuer);
}

/** Created on first use, never during SSR: UserManager touches window and localStorage. */
export function getUserManager(): UserManager {
  if (manager) return manager;
  if (!config?.issuer) throw new Error("Sign-in is not configured: set OIDC_ISSUER on the server.");
  const origin = window.location.origin;
  // Some IdPs pick the token audience from `resource`; oidc-client-ts only adds the settings'
  // `resource` to the authorize URL, so send it explicitly to the token endpoint too.
  const resource = config.resource ? { resource: config.resource } : undefined;
  manager = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}/auth/callback`,
    silent_redirect_uri: `${origin}/auth/callback`,
    // Register this at the IdP as a post-logout redirect URI (README: "Identity providers").
    post_logout_redirect_uri: `${origin}${signedOutPath}`,
    response_type: "code",
    scope: config.scope,
    // The access token is for the Sift API; the IdP's userinfo endpoint refuses it. The ID token
    // already carries name, email and roles.
    loadUserInfo: false,
    automaticSilentRenew: true,
    extraQueryParams: resource,
    extraTokenParams: resource,
    // localStorage, not the default sessionStorage: Playwright's storageState (and new tabs)
    // carry localStorage only, so one login can be reused across e2e tests and tabs.
    userStore: new WebStorageStateStore({ store: window.localStorage }),
  });
  return manager;
}

/**
 * The user UserManager keeps in `storage` for `session`, when its access token is still valid; else
 * null (signed out, expired, unreadable), and `getUser()` with its renewal decides. Read at once, it
 * lets the render right after hydration show a signed-in engineer the page, not a session check.
 */
export function storedUser(storage: Pick<Storage, "getItem">, session: StoredSessionConfig): User | null {
  const stored = storage.getItem(storedUserKey(session));
  if (!stored) return null;
  try {
    const user = User.fromStorageString(stored);
    return user.access_token && user.expired === false ? user : null;
  } catch {
    return null;
  }
}

/** `storedUser` of this page's localStorage and configured IdP. */
export function readStoredUser(): User | null {
  return config?.issuer ? storedUser(window.localStorage, config) : null;
}

/** The current API access token, renewing it first if it has expired; null when signed out. */
export async function getAccessToken(): Promise<string | null> {
  if (!isOidcConfigured()) return null;
  const userManager = getUserManager();
  let user = await userManager.getUser();
  if (user?.expired && user.refresh_token) {
    // E.g. the laptop slept through the renew timer.
    user = await userManager.signinSilent().catch(() => null);
  }
  return user && !user.expired ? user.access_token : null;
}

/** Redirects to the IdP; `returnTo` (a path on this site) comes back in the user's state. */
export async function signIn(returnTo: string): Promise<void> {
  await getUserManager().signinRedirect({ state: { returnTo } });
}

/**
 * Forgets the tokens and ends the IdP session (RP-initiated logout), which then sends the browser
 * to the signed-out page. When the IdP cannot be reached, the tokens are still forgotten and the
 * page says the IdP session may remain.
 */
export async function signOut(): Promise<void> {
  const userManager = getUserManager();
  try {
    await userManager.signoutRedirect();
  } catch {
    await userManager.removeUser();
    window.location.assign(`${signedOutPath}?idp=unreachable`);
  }
}

/**
 * Redeems the authorization code on /auth/callback. Memoised per URL because React StrictMode
 * runs effects twice in dev and a code can be redeemed only once. Resolves undefined inside a
 * silent-renew iframe, where oidc-client-ts only notifies the parent window.
 */
export function completeSignIn(): Promise<User | undefined> {
  const url = window.location.href;
  if (callback?.url !== url) callback = { url, promise: getUserManager().signinCallback(url) };
  return callback.promise;
}

/** Where to go after sign-in: the stored same-site path, or the issue list. */
export function returnPathOf(user: User | undefined): string {
  const returnTo = (user?.state as { returnTo?: unknown } | undefined)?.returnTo;
  // Only local paths: "//evil.example" would be protocol-relative.
  return typeof returnTo === "string" && returnTo.startsWith("/") && !returnTo.startsWith("//")
    ? returnTo
    : "/issues";
}
