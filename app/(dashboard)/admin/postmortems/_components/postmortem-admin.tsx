"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorState } from "@/app/_components/error-state";
import { RelativeTime } from "@/app/_components/relative-time";
import type { PostmortemItem } from "@/lib/contracts/postmortems";
import { errorMessage } from "@/lib/query/api-fetch";
import { useDeletePostmortem, usePostmortems } from "@/lib/query/postmortems";
import { UploadPostmortem } from "./upload-postmortem";

/** The post-mortems issues are matched against: upload one, read one, delete one. */
export function PostmortemAdmin() {
  const list = usePostmortems();
  return (
    <section aria-labelledby="postmortems-heading" className="space-y-4">
      <div>
        <h1 id="postmortems-heading" className="text-lg font-semibold text-zinc-900">
          Post-mortems
        </h1>
        <p className="text-sm text-zinc-600">
          Issues that share an exception, functions, files or a service with a post-mortem show it under
          “Similar post-mortems”. Import a folder with{" "}
          <code className="font-mono">npm run import:postmortems</code>.
        </p>
      </div>
      <UploadPostmortem />
      {list.isError ? (
        <ErrorState
          message={errorMessage(list.error)}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : !list.data ? (
        <p aria-busy="true" className="text-sm text-zinc-500">
          Loading post-mortems…
        </p>
      ) : list.data.items.length === 0 ? (
        <p className="rounded-lg border border-zinc-200 bg-white px-4 py-6 text-sm text-zinc-600">
          No post-mortems yet.
        </p>
      ) : (
        <ul
          aria-label="Post-mortems"
          className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white"
        >
          {list.data.items.map((pm) => (
            <PostmortemRow key={pm.id} pm={pm} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PostmortemRow({ pm }: { pm: PostmortemItem }) {
  const remove = useDeletePostmortem();
  const [confirming, setConfirming] = useState(false);
  return (
    <li
      data-testid="postmortem-row"
      className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm"
    >
      <div className="min-w-0 flex-1 basis-64">
        <Link href={`/postmortems/${pm.id}`} className="font-medium text-zinc-900 hover:underline">
          {pm.title}
        </Link>
        <p className="mt-0.5 text-xs text-zinc-500">
          {pm.occurredOn ?? "undated"} ·{" "}
          {pm.source ? (
            <>
              imported from <span className="font-mono">{pm.source}</span>
            </>
          ) : (
            <>uploaded by {pm.createdBy ?? "unknown"}</>
          )}{" "}
          · updated <RelativeTime value={pm.updatedAt} />
        </p>
      </div>
      <div className="ml-auto flex flex-col items-end gap-1">
        {confirming ? (
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => remove.mutate(pm.id)}
              disabled={remove.isPending}
              className="rounded-md bg-red-700 px-2.5 py-1 text-xs font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              {remove.isPending ? "Deleting…" : "Delete for good"}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50"
            >
              Keep
            </button>
          </div>
        ) : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${pm.title}`}
            className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50"
          >
            Delete
          </button>
        )}
        {remove.isError && (
          <span role="alert" className="text-xs text-red-700">
            {errorMessage(remove.error)}
          </span>
        )}
      </div>
    </li>
  );
}
