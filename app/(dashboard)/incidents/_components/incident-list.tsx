"use client";

import Link from "next/link";
import { useState } from "react";
import { Count } from "@/app/_components/count";
import { EmptyState } from "@/app/_components/empty-state";
import { ErrorState } from "@/app/_components/error-state";
import { RelativeTime } from "@/app/_components/relative-time";
import { Skeleton } from "@/app/_components/skeleton";
import { StatusBadge } from "@/app/_components/status-badge";
import { errorMessage } from "@/lib/query/api-fetch";
import { useIncidents } from "@/lib/query/incidents";
import { RootConfidence } from "./root-confidence";

const filters = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: null, label: "All" },
] as const;

export function IncidentList() {
  const [status, setStatus] = useState<"open" | "resolved" | null>("open");
  const query = useIncidents(status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-zinc-900">Incidents</h1>
          <p className="text-sm text-zinc-600">
            Issues of one fire across projects, with the issue that started it.
          </p>
        </div>
        <fieldset className="flex gap-1" aria-label="Status">
          {filters.map((f) => (
            <button
              key={f.label}
              type="button"
              aria-pressed={status === f.value}
              onClick={() => setStatus(f.value)}
              className={`rounded-md px-2.5 py-1 text-sm font-medium ${status === f.value ? "bg-zinc-900 text-white" : "border border-zinc-300 text-zinc-700 hover:bg-zinc-50"}`}
            >
              {f.label}
            </button>
          ))}
        </fieldset>
      </div>
      {query.isPending ? (
        <div aria-busy="true" className="space-y-2">
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
      ) : query.isError && !query.data ? (
        <ErrorState
          title="Could not load incidents"
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : query.data.items.length === 0 ? (
        <EmptyState title={status === "open" ? "No open incidents" : "No incidents"}>
          <p>
            When issues in different projects share traces, or start together on one release or set of
            tenants, Sift groups them here and names the issue that started it.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-2" aria-label="Incidents">
          {query.data.items.map((incident) => (
            <li key={incident.id}>
              <Link
                href={`/incidents/${incident.id}`}
                className="block rounded-lg border border-zinc-200 bg-white p-4 hover:border-zinc-400 focus-visible:outline-2 focus-visible:outline-zinc-900"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={incident.status} />
                  {incident.priority && (
                    <span className="rounded bg-red-50 px-1.5 text-xs font-semibold text-red-800">
                      {incident.priority}
                    </span>
                  )}
                  <RootConfidence confidence={incident.root.confidence} pinned={incident.root.pinned} />
                </div>
                <p className="mt-1 break-words font-medium text-zinc-900">{incident.title}</p>
                <p className="mt-1 text-sm text-zinc-600">
                  <Count value={incident.issueIds.length} /> issues · <Count value={incident.userCount} />{" "}
                  users · <Count value={incident.tenantCount} /> tenants · last seen{" "}
                  <RelativeTime value={incident.lastSeen} />
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
