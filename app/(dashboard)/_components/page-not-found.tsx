import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/app/_components/empty-state";

/** A tenant, team or release the API does not know: say so, say why it may be, and offer the way back. */
export function PageNotFound({ title, children }: { title: string; children: ReactNode }) {
  return (
    <EmptyState
      title={title}
      headingLevel={1}
      action={
        <Link href="/issues" className="text-sm font-medium text-zinc-900 underline underline-offset-2">
          Back to all issues
        </Link>
      }
    >
      {children}
    </EmptyState>
  );
}

export function BackToIssues() {
  return (
    <Link href="/issues" className="text-xs font-medium text-zinc-600 hover:text-zinc-900">
      ← All issues
    </Link>
  );
}

/** One figure of a page header: a label over a number, the way the issue page shows its counts. */
export function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2">
      <dt className="text-xs text-zinc-600">{label}</dt>
      <dd className="text-lg font-semibold text-zinc-900 tabular-nums">{children}</dd>
    </div>
  );
}
