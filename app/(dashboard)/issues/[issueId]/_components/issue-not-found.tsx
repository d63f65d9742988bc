import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";

export function IssueNotFound() {
  return (
    <EmptyState
      title="Issue not found"
      headingLevel={1}
      action={
        <Link
          href="/issues"
          className="rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50"
        >
          Back to issues
        </Link>
      }
    >
      <p>It may have been deleted in Sentry, or the link is wrong.</p>
    </EmptyState>
  );
}
