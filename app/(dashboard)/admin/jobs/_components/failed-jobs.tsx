"use client";

import Link from "next/link";
import { ErrorState } from "@/app/_components/error-state";
import { RelativeTime } from "@/app/_components/relative-time";
import type { JobItem } from "@/lib/contracts/admin";
import { useFailedJobs, useRequeueJob } from "@/lib/query/admin";
import { errorMessage } from "@/lib/query/api-fetch";

// Jobs of these kinds are about one Sentry issue: link to it.
const issueKinds = new Set(["analyse_issue", "writeback"]);

function RequeueButton({ job }: { job: JobItem }) {
  const requeue = useRequeueJob();
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => requeue.mutate(job.id)}
        disabled={requeue.isPending}
        className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50 disabled:opacity-60"
      >
        {requeue.isPending ? "Requeuing…" : "Requeue"}
      </button>
      {requeue.isError && (
        <span role="alert" className="text-xs text-red-700">
          {errorMessage(requeue.error)}
        </span>
      )}
    </div>
  );
}

/** Dead jobs of every kind, with their last error; an admin requeues one after fixing the cause. */
export function FailedJobs() {
  const jobs = useFailedJobs();
  return (
    <section aria-labelledby="jobs-heading" className="space-y-4">
      <div>
        <h1 id="jobs-heading" className="text-lg font-semibold text-zinc-900">
          Failed jobs
        </h1>
        <p className="text-sm text-zinc-600">
          Jobs that gave up after their last attempt. Requeue one to give it a fresh set of attempts.
        </p>
      </div>
      {/* The heading stays on a refusal too, so the page still says where the reader is. */}
      {jobs.isError ? (
        <ErrorState
          message={errorMessage(jobs.error)}
          onRetry={() => jobs.refetch()}
          retrying={jobs.isFetching}
        />
      ) : !jobs.data ? (
        <p aria-busy="true" className="text-sm text-zinc-500">
          Loading jobs…
        </p>
      ) : jobs.data.items.length === 0 ? (
        <p className="rounded-lg border border-zinc-200 bg-white px-4 py-6 text-sm text-zinc-600">
          No failed jobs.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
          {jobs.data.items.map((job) => (
            <li key={job.id} className="flex items-start justify-between gap-4 px-4 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium text-zinc-900">
                  {job.kind}{" "}
                  {issueKinds.has(job.kind) ? (
                    <Link href={`/issues/${job.subjectId}`} className="text-zinc-600 underline">
                      issue {job.subjectId}
                    </Link>
                  ) : (
                    <span className="text-zinc-600">{job.subjectId}</span>
                  )}
                </p>
                <p className="mt-0.5 break-words font-mono text-xs text-red-800">
                  {job.lastError ?? "no error recorded"}
                </p>
                <p className="mt-0.5 text-xs text-zinc-500">
                  {job.attempts} attempts · failed{" "}
                  {job.finishedAt ? <RelativeTime value={job.finishedAt} /> : "recently"}
                </p>
              </div>
              <RequeueButton job={job} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
