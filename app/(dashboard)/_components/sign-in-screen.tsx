"use client";

import { useDocumentTitle } from "@/app/_components/use-document-title";

/** Shown instead of redirecting straight to the IdP, so people see what Sift is before signing in. */
export function SignInScreen({
  configured,
  error,
  onSignIn,
}: {
  configured: boolean;
  error: string | null;
  onSignIn: () => void;
}) {
  useDocumentTitle("Sign in · Sift");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <p className="text-2xl font-semibold tracking-tight text-zinc-900">Sift</p>
        <h1 className="mt-1 text-sm text-zinc-600">On-call triage for Sentry</h1>
        <p className="mt-4 text-sm text-zinc-700">
          See what probably broke, who owns it, who is hurt, and which alerts are the same fire.
        </p>
        {configured ? (
          <button
            type="button"
            onClick={onSignIn}
            className="mt-6 w-full rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900"
          >
            Sign in
          </button>
        ) : (
          <div
            role="alert"
            className="mt-6 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
          >
            Sign-in is not configured. Set <code className="font-mono">OIDC_ISSUER</code> on the server (for
            local development, <code className="font-mono">npm run idp</code> serves http://localhost:4000)
            and restart Sift.
          </div>
        )}
        {error && (
          <p role="alert" className="mt-4 break-words text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    </main>
  );
}
