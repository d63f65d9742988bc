"use client";

import type { User } from "oidc-client-ts";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import type { AuthConfig } from "./auth-config";
import {
  configureOidc,
  getUserManager,
  readStoredUser,
  signIn as redirectToSignIn,
  signOut as redirectToSignOut,
} from "./oidc-client";
import { parseRoles, type Role, readClaim } from "./roles";

export type AuthUser = { sub: string; name: string | null; email: string | null; roles: Role[] };

export type AuthState = {
  status: "loading" | "signed-in" | "signed-out";
  user: AuthUser | null;
  accessToken: string | null;
  /** False when the server has no OIDC_ISSUER: sign-in cannot work. */
  configured: boolean;
  /** Why the last sign-in or sign-out attempt failed (e.g. the IdP is down). */
  error: string | null;
  signIn(): void;
  signOut(): void;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ config, children }: { config: AuthConfig; children: ReactNode }) {
  // During render, not in an effect: children's effects (queries calling getAccessToken) run
  // before this component's effects would.
  configureOidc(config);
  const configured = Boolean(config.issuer);
  const rolesClaim = config.rolesClaim ?? "roles";
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  // The server cannot know the session, so hydration renders "loading"; a state set in a layout
  // effect renders again before the browser paints, so a valid stored session goes straight to the
  // page, without a painted session check and the promise of getUser() before it (the list page's
  // Largest Contentful Paint waited on both).
  useLayoutEffect(() => {
    if (!configured) return;
    const stored = readStoredUser();
    if (stored) setUser((current) => (current === undefined ? stored : current));
  }, [configured]);

  useEffect(() => {
    if (!configured) return setUser(null);
    const userManager = getUserManager();
    const events = userManager.events;
    const onLoaded = (next: User) => setUser(next);
    const onUnloaded = () => setUser(null);
    // Renewal failed and the token is now useless: show the sign-in screen, not failing queries.
    const onExpired = () => setUser((current) => (current?.refresh_token ? current : null));
    events.addUserLoaded(onLoaded);
    events.addUserUnloaded(onUnloaded);
    events.addUserSignedOut(onUnloaded);
    events.addAccessTokenExpired(onExpired);
    let cancelled = false;
    // Only fill in the initial state: a userLoaded event (e.g. from the callback page) may win the race.
    const settle = (loaded: User | null) =>
      !cancelled && setUser((current) => (current === undefined ? loaded : current));
    userManager
      .getUser()
      .then(async (stored) => (stored?.expired && stored.refresh_token ? userManager.signinSilent() : stored))
      .then((loaded) => settle(loaded && !loaded.expired ? loaded : null))
      .catch(() => settle(null));
    return () => {
      cancelled = true;
      events.removeUserLoaded(onLoaded);
      events.removeUserUnloaded(onUnloaded);
      events.removeUserSignedOut(onUnloaded);
      events.removeAccessTokenExpired(onExpired);
    };
  }, [configured]);

  const signIn = useCallback(() => {
    setError(null);
    const { pathname, search } = window.location;
    const returnTo = pathname.startsWith("/auth/") ? "/issues" : `${pathname}${search}`;
    redirectToSignIn(returnTo).catch((e: unknown) =>
      setError(errorText(e, "Could not reach the sign-in service")),
    );
  }, []);

  const signOut = useCallback(() => {
    redirectToSignOut().catch((e: unknown) => setError(errorText(e, "Sign-out failed")));
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      status: user === undefined ? "loading" : user ? "signed-in" : "signed-out",
      user: user ? toAuthUser(user, rolesClaim) : null,
      accessToken: user?.access_token ?? null,
      configured,
      error,
      signIn,
      signOut,
    }),
    [user, rolesClaim, configured, error, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth must be used inside <AuthProvider>");
  return state;
}

function toAuthUser(user: User, rolesClaim: string): AuthUser {
  const { profile } = user;
  return {
    sub: profile.sub,
    name: profile.name ?? profile.preferred_username ?? null,
    email: profile.email ?? null,
    roles: parseRoles(readClaim(profile, rolesClaim)),
  };
}

function errorText(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? `${fallback}: ${error.message}` : fallback;
}
