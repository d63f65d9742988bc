"use client";

import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ErrorState } from "@/app/_components/error-state";
import { RelativeTime } from "@/app/_components/relative-time";
import type { AuditEntryBody } from "@/lib/contracts/audit";
import { useAuditLog } from "@/lib/query/admin";
import { errorMessage } from "@/lib/query/api-fetch";
import { diffStates, formatValue } from "./audit-diff";

const actionLabels: Record<string, string> = {
  "project.writeback.set": "Set write-back mode",
  "job.requeue": "Requeued a failed job",
  "incident.merge": "Merged incidents",
  "incident.split": "Split an incident",
  "incident.set_root": "Set an incident's root",
  "postmortem.create": "Uploaded a post-mortem",
  "postmortem.update": "Updated a post-mortem",
  "postmortem.delete": "Deleted a post-mortem",
};

const targetPages: Record<string, (id: string) => string> = {
  project: () => "/admin/projects",
  job: () => "/admin/jobs",
  incident: (id) => `/incidents/${encodeURIComponent(id)}`,
  postmortem: (id) => `/postmortems/${encodeURIComponent(id)}`,
  issue: (id) => `/issues/${encodeURIComponent(id)}`,
};

// The engineer's own zone, named, so "10:04" is never ambiguous across an on-call rotation.
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "long" });

function When({ at }: { at: string }) {
  return (
    <span className="flex flex-col">
      <time dateTime={at} className="text-zinc-900">
        {absolute.format(new Date(at))}
      </time>
      <RelativeTime value={at} className="text-xs text-zinc-600" />
    </span>
  );
}

function Who({ actor }: { actor: AuditEntryBody["actor"] }) {
  return (
    <span className="flex flex-col">
      <span className="font-medium text-zinc-900">{actor.name ?? actor.sub}</span>
      {actor.name && <span className="break-all text-xs text-zinc-600">{actor.sub}</span>}
    </span>
  );
}

function Target({ target }: { target: AuditEntryBody["target"] }) {
  const label = `${target.type} ${target.id}`;
  const href = targetPages[target.type]?.(target.id);
  return href ? (
    <Link href={href} className="text-zinc-900 underline underline-offset-2">
      {label}
    </Link>
  ) : (
    <span>{label}</span>
  );
}

/** What the write changed, field by field: the old value struck through, then the new one. */
function Change({ entry }: { entry: AuditEntryBody }) {
  const changes = diffStates(entry.before, entry.after);
  if (changes.length === 0) return <span className="text-zinc-600">no field changed</span>;
  return (
    <dl className="space-y-1">
      {changes.map((change) => (
        <div key={change.path} className="flex flex-wrap items-baseline gap-x-1.5">
          <dt className="font-mono text-xs text-zinc-600">{change.path}</dt>
          <dd className="flex min-w-0 flex-wrap items-baseline gap-x-1.5">
            <span className="sr-only">from</span>
            <del className="break-all rounded bg-red-50 px-1 text-red-900">{formatValue(change.before)}</del>
            <span aria-hidden="true" className="text-zinc-500">
              →
            </span>
            <span className="sr-only">to</span>
            <ins className="break-all rounded bg-green-50 px-1 text-green-900 no-underline">
              {formatValue(change.after)}
            </ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function AuditTable({ entries }: { entries: AuditEntryBody[] }) {
  return (
    <div className="hidden overflow-hidden rounded-lg border border-zinc-200 bg-white sm:block">
      <table className="w-full border-collapse text-sm">
        <thead className="bg-zinc-50 text-left text-xs font-medium text-zinc-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              When
            </th>
            <th scope="col" className="px-3 py-2">
              Who
            </th>
            <th scope="col" className="px-3 py-2">
              Action
            </th>
            <th scope="col" className="px-3 py-2">
              Target
            </th>
            <th scope="col" className="px-3 py-2">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry" className="border-t border-zinc-100 align-top">
              <td className="px-3 py-2">
                <When at={entry.at} />
              </td>
              <td className="px-3 py-2">
                <Who actor={entry.actor} />
              </td>
              <td className="px-3 py-2 text-zinc-900">{actionLabels[entry.action] ?? entry.action}</td>
              <td className="px-3 py-2">
                <Target target={entry.target} />
              </td>
              <td className="px-3 py-2">
                <Change entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Below the sm breakpoint a five-column table cannot fit: one card per write instead.
function AuditCards({ entries }: { entries: AuditEntryBody[] }) {
  return (
    <ul className="space-y-3 sm:hidden">
      {entries.map((entry) => (
        <li
          key={entry.id}
          data-testid="audit-card"
          className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm"
        >
          <p className="font-medium text-zinc-900">
            {actionLabels[entry.action] ?? entry.action} · <Target target={entry.target} />
          </p>
          <div className="flex flex-wrap justify-between gap-2 text-sm">
            <Who actor={entry.actor} />
            <When at={entry.at} />
          </div>
          <Change entry={entry} />
        </li>
      ))}
    </ul>
  );
}

/** Every write made through Sift's API, newest first: who, what, when, and what it changed. */
export function AuditLog() {
  const log = useAuditLog();
  const entries = log.data?.pages.flatMap((page) => page.items);
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div>
        <h1 id="audit-heading" className="text-lg font-semibold text-zinc-900">
          Audit log
        </h1>
        <p className="text-sm text-zinc-600">
          Every change made through Sift — write-back settings, requeued jobs, incident corrections — with who
          made it and what it changed. Times are in your time zone.
        </p>
      </div>
      {/* The heading stays on a refusal too, so the page still says where the reader is. */}
      {log.isError ? (
        <ErrorState
          message={errorMessage(log.error)}
          onRetry={() => log.refetch()}
          retrying={log.isFetching}
        />
      ) : !entries ? (
        <p aria-busy="true" className="text-sm text-zinc-500">
          Loading the audit log…
        </p>
      ) : entries.length === 0 ? (
        <EmptyState title="No changes yet">
          When someone changes a project's write-back mode, requeues a job or corrects an incident, it is
          recorded here.
        </EmptyState>
      ) : (
        <>
          <AuditTable entries={entries} />
          <AuditCards entries={entries} />
          {log.hasNextPage && (
            <button
              type="button"
              onClick={() => log.fetchNextPage()}
              disabled={log.isFetchingNextPage}
              className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 disabled:opacity-60"
            >
              {log.isFetchingNextPage ? "Loading…" : "Show older changes"}
            </button>
          )}
        </>
      )}
    </section>
  );
}
