import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Page not found · Sift" };

// Next's built-in 404 styles itself with an inline <style> that carries no nonce, which the
// pages' CSP blocks; this one uses the app's stylesheet and offers a way back.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <EmptyState
        title="Page not found"
        action={
          <Link
            href="/issues"
            className="rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50"
          >
            Back to issues
          </Link>
        }
      >
        <p>There is nothing at this address.</p>
      </EmptyState>
    </main>
  );
}
