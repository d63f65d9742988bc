"use client";

import { useEffect, useState } from "react";
import { useAuth } from "@/lib/auth/auth-context";

/**
 * Says plainly that sign-out worked. Signing in again goes through the IdP's login form, since its
 * session ended too, unless the IdP could not be reached (then Sift forgot the tokens, and says
 * the IdP session may still be open).
 */
export function SignedOut({ idpUnreachable }: { idpUnreachable: boolean }) {
  const { status, signIn, error } = useAuth();
  // Another tab may have signed in meanwhile; say so rather than claim the reader is signed out.
  const [stillSignedIn, setStillSignedIn] = useState(false);
  useEffect(() => setStillSignedIn(status === "signed-in"), [status]);

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <p className="text-2xl font-semibold tracking-tight text-zinc-900">Sift</p>
        {stillSignedIn ? (
          <h1 className="mt-2 text-lg font-semibold text-zinc-900">You are signed in again</h1>
        ) : (
          <>
            <h1 className="mt-2 text-lg font-semibold text-zinc-900">You are signed out</h1>
            <p className="mt-2 text-sm text-zinc-700">
              {idpUnreachable
                ? "Sift has forgotten your tokens on this device, but the sign-in service could not end your session there (it was unreachable or offers no sign-out), so it may still be open: on a shared computer, sign out there too."
                : "Sift has forgotten your tokens on this device and your session at the sign-in service has ended."}
            </p>
          </>
        )}
        <div className="mt-6 flex items-center gap-4">
          {stillSignedIn ? (
            <a
              href="/issues"
              className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900"
            >
              Go to issues
            </a>
          ) : (
            <button
              type="button"
              onClick={signIn}
              className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900"
            >
              Sign in again
            </button>
          )}
        </div>
        {error && (
          <p role="alert" className="mt-4 break-words text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    </main>
  );
}
