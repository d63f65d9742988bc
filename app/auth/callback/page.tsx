"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useAuth } from "@/lib/auth/auth-context";
import { completeSignIn, returnPathOf } from "@/lib/auth/oidc-client";

// The IdP redirects here with ?code=…&state=…; we redeem it, then go back where sign-in started.
export default function AuthCallbackPage() {
  const router = useRouter();
  const { signIn } = useAuth();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    completeSignIn()
      .then((user) => {
        // undefined inside a silent-renew iframe: the parent window takes it from here.
        if (active && user) router.replace(returnPathOf(user));
      })
      .catch((e: unknown) => {
        if (active) setError(describeCallbackError(e));
      });
    return () => {
      active = false;
    };
  }, [router]);

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      {error ? (
        <div role="alert" className="w-full max-w-md rounded-lg border border-red-200 bg-white p-6 shadow-sm">
          <h1 className="text-base font-semibold text-red-900">Sign-in failed</h1>
          <p className="mt-2 break-words text-sm text-red-800">{error}</p>
          <div className="mt-4 flex items-center gap-3">
            <button
              type="button"
              onClick={signIn}
              className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900"
            >
              Try again
            </button>
            <Link href="/" className="text-sm text-zinc-600 hover:text-zinc-900">
              Back to Sift
            </Link>
          </div>
        </div>
      ) : (
        <p aria-busy="true" className="text-sm text-zinc-500">
          Signing you in…
        </p>
      )}
    </main>
  );
}

function describeCallbackError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // oidc-client-ts keeps the PKCE state per attempt; a reloaded or reused callback URL has none left.
  if (message.includes("No matching state")) return "This sign-in response was already used or has expired.";
  return message;
}
