"use client";

import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ErrorState } from "@/app/_components/error-state";
import { Markdown } from "@/app/_components/markdown";
import { Skeleton } from "@/app/_components/skeleton";
import { useDocumentTitle } from "@/app/_components/use-document-title";
import { ApiRequestError, errorMessage } from "@/lib/query/api-fetch";
import { usePostmortem } from "@/lib/query/postmortems";

const validId = (raw: string) => (/^\d{1,15}$/.test(raw) ? Number(raw) : 0);

/** One post-mortem, its markdown rendered as elements only (app/_components/markdown.tsx). */
export function PostmortemView({ postmortemId }: { postmortemId: string }) {
  const query = usePostmortem(validId(postmortemId));
  useDocumentTitle(query.data ? `${query.data.title} · Sift` : null);
  if (query.isPending) {
    return (
      <div aria-busy="true" className="space-y-3">
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.status === 400)) {
    return (
      <EmptyState title="Post-mortem not found" headingLevel={1} action={<BackLink />}>
        <p>It may have been deleted, or the link is wrong.</p>
      </EmptyState>
    );
  }
  if (!query.data) {
    return (
      <ErrorState
        title="Could not load the post-mortem"
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  const pm = query.data;
  return (
    <article aria-labelledby="postmortem-title" className="mx-auto max-w-3xl space-y-4">
      <BackLink />
      <header className="space-y-1">
        <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Post-mortem</p>
        <h1 id="postmortem-title" className="text-xl font-semibold text-zinc-900">
          {pm.title}
        </h1>
        <p className="text-xs text-zinc-500">
          {pm.occurredOn ? `Incident on ${pm.occurredOn}` : "Undated"}
          {pm.source ? ` · imported from ${pm.source}` : pm.createdBy ? ` · uploaded by ${pm.createdBy}` : ""}
        </p>
      </header>
      <div data-testid="postmortem-body" className="rounded-lg border border-zinc-200 bg-white p-4 sm:p-6">
        <Markdown source={pm.markdown} title={pm.title} />
      </div>
    </article>
  );
}

function BackLink() {
  return (
    <Link href="/issues" className="text-xs font-medium text-zinc-500 hover:text-zinc-900">
      ← Issues
    </Link>
  );
}
