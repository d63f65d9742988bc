import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found · Sift" };

/**
 * Any URL Sift does not know: say so in its own words and offer the way back. (Next's built-in 404
 * styles itself with an inline <style> without a nonce, which the pages' CSP blocks.)
 */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold tracking-tight text-zinc-700">Sift</p>
        <h1 className="mt-2 text-xl font-semibold text-zinc-900">Page not found</h1>
        <p className="mt-2 text-sm text-zinc-700">
          There is nothing at this address. The link may be old or mistyped.
        </p>
        <div className="mt-6 flex justify-center gap-3">
          <Link
            href="/issues"
            className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700"
          >
            Go to issues
          </Link>
          <Link
            href="/incidents"
            className="rounded-md border border-zinc-400 px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
          >
            Incidents
          </Link>
        </div>
      </div>
    </main>
  );
}
