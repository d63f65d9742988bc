"use client";

import Link from "next/link";
import { useState } from "react";
import { Count } from "@/app/_components/count";
import { EmptyState } from "@/app/_components/empty-state";
import { ErrorState } from "@/app/_components/error-state";
import { HourlyBlastChart } from "@/app/_components/hourly-blast-chart";
import { LevelLabel } from "@/app/_components/level-badge";
import { TenantLink } from "@/app/_components/page-links";
import { RelativeTime } from "@/app/_components/relative-time";
import { SectionCard } from "@/app/_components/section-card";
import { Skeleton } from "@/app/_components/skeleton";
import { StatusBadge } from "@/app/_components/status-badge";
import { useAuth } from "@/lib/auth/auth-context";
import { hasRole } from "@/lib/auth/roles";
import type { IncidentDetailResponse, IncidentMember } from "@/lib/contracts/incidents";
import { ApiRequestError, errorMessage } from "@/lib/query/api-fetch";
import { useCorrectIncident, useIncident } from "@/lib/query/incidents";
import { RootConfidence } from "../../_components/root-confidence";
import { IncidentActions } from "./incident-actions";
import { describeEvidence, LinkEvidence } from "./link-evidence";

export function IncidentDetail({ incidentId }: { incidentId: string }) {
  const query = useIncident(incidentId);
  if (query.isPending) {
    return (
      <div aria-busy="true" className="space-y-3">
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.status === 400)) {
    return (
      <EmptyState title="Incident not found" action={<BackLink />}>
        <p>The link may be wrong.</p>
      </EmptyState>
    );
  }
  if (!query.data) {
    return (
      <ErrorState
        title="Could not load incident"
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  return <IncidentView detail={query.data} />;
}

function BackLink() {
  return (
    <Link href="/incidents" className="text-xs font-medium text-zinc-500 hover:text-zinc-900">
      ← All incidents
    </Link>
  );
}

function IncidentView({ detail }: { detail: IncidentDetailResponse }) {
  const { incident, issues, blastRadius, timeline, corrections } = detail;
  const { user } = useAuth();
  const canCorrect = user ? hasRole(user, "triager") : false;
  const correct = useCorrectIncident(incident.id);
  const titleOf = (id: string) => issues.find((i) => i.id === id)?.title ?? `issue ${id}`;
  const root = issues.find((i) => i.role === "root");
  const symptoms = issues.filter((i) => i.role === "symptom");

  if (incident.status === "merged" || incident.status === "dissolved") {
    return (
      <div className="space-y-4">
        <BackLink />
        <EmptyState
          title={incident.status === "merged" ? "This incident was merged" : "This incident was dissolved"}
        >
          {incident.mergedInto ? (
            <p>
              Its issues are now in{" "}
              <Link className="font-medium underline" href={`/incidents/${incident.mergedInto}`}>
                incident {incident.mergedInto}
              </Link>
              .
            </p>
          ) : (
            <p>Its issues are no longer linked to each other.</p>
          )}
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="space-y-5">
      <BackLink />
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={incident.status} />
          <span className="text-xs text-zinc-500">Incident {incident.id}</span>
        </div>
        <h1 className="break-words text-xl font-semibold text-zinc-900">{incident.title}</h1>
        <p className="text-sm text-zinc-600">
          <Count value={incident.issueCount} /> issues · <Count value={blastRadius.users} /> users ·{" "}
          <Count value={blastRadius.tenants} /> tenants · started <RelativeTime value={incident.firstSeen} />,
          last seen <RelativeTime value={incident.lastSeen} />
        </p>
      </header>
      {correct.isError && (
        <ErrorState title="The correction was not applied" message={errorMessage(correct.error)} />
      )}
      <IncidentActions
        incidentId={incident.id}
        rootIssueId={incident.rootIssueId}
        open={issues.some((i) => i.status === "unresolved")}
      />

      <SectionCard
        title="Root"
        aside={<RootConfidence confidence={incident.root.confidence} pinned={incident.root.pinned} />}
      >
        {root ? (
          <div>
            <IssueLine issue={root} />
            <ul
              className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-zinc-700"
              aria-label="Why this is the root"
            >
              {incident.root.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-zinc-500">The root issue is no longer stored.</p>
        )}
      </SectionCard>

      <SectionCard title={`Symptoms (${symptoms.length})`}>
        <ul className="divide-y divide-zinc-100">
          {symptoms.map((issue) => (
            <li key={issue.id} data-testid="symptom" className="py-3 first:pt-0 last:pb-0">
              <IssueLine issue={issue} />
              <LinkEvidence links={issue.links} titleOf={titleOf} />
              {canCorrect && (
                <div className="mt-2 flex flex-wrap gap-2">
                  <ActionButton
                    label="Make root"
                    busy={correct.isPending}
                    onClick={() => correct.mutate({ action: "set_root", issueId: issue.id })}
                  />
                  <ActionButton
                    label="Split out"
                    busy={correct.isPending}
                    onClick={() => correct.mutate({ action: "split", issueIds: [issue.id] })}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      </SectionCard>

      <div className="grid gap-5 lg:grid-cols-2">
        <SectionCard title="Blast radius">
          <dl className="grid grid-cols-3 gap-2 text-center">
            {(
              [
                ["Events", blastRadius.events],
                ["Users", blastRadius.users],
                ["Tenants", blastRadius.tenants],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md bg-zinc-50 p-2">
                <dt className="text-xs text-zinc-500">{label}</dt>
                <dd className="text-lg font-semibold text-zinc-900">
                  <Count value={value} />
                </dd>
              </div>
            ))}
          </dl>
          {blastRadius.topTenants.length > 0 && (
            <table className="mt-3 w-full text-sm">
              <caption className="sr-only">Tenants hurt most</caption>
              <thead>
                <tr className="text-left text-xs text-zinc-500">
                  <th className="font-medium">Tenant</th>
                  <th className="text-right font-medium">Events</th>
                  <th className="text-right font-medium">Users</th>
                </tr>
              </thead>
              <tbody>
                {blastRadius.topTenants.map((t) => (
                  <tr key={t.tenantId} className="border-t border-zinc-100">
                    <td className="break-all py-1">
                      <TenantLink tenant={t.tenantId} />
                    </td>
                    <td className="text-right tabular-nums">{t.events}</td>
                    <td className="text-right tabular-nums">{t.users}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </SectionCard>
        <SectionCard title="Blast radius over time">
          <HourlyBlastChart timeline={timeline} testId="incident-timeline" />
        </SectionCard>
      </div>

      {canCorrect && (
        <MergeForm
          busy={correct.isPending}
          onMerge={(id) => correct.mutate({ action: "merge", incidentId: id })}
        />
      )}

      <SectionCard title="Corrections">
        {corrections.length === 0 ? (
          <p className="text-sm text-zinc-500">No one has corrected this incident.</p>
        ) : (
          <ul className="space-y-1 text-sm text-zinc-700">
            {corrections.map((c) => (
              <li key={`${c.at}-${c.action}`}>
                <span className="font-medium">{c.actorName ?? c.actor}</span> {verb(c)} ·{" "}
                <RelativeTime value={c.at} />
              </li>
            ))}
          </ul>
        )}
      </SectionCard>
    </div>
  );
}

function verb(c: IncidentDetailResponse["corrections"][number]): string {
  if (c.action === "set_root") return `set issue ${c.issueIds[0]} as root`;
  if (c.action === "split")
    return `split out issue${c.issueIds.length > 1 ? "s" : ""} ${c.issueIds.join(", ")}`;
  return `merged incident ${c.otherIncidentId}`;
}

function IssueLine({ issue }: { issue: IncidentMember }) {
  const offset =
    issue.role === "root"
      ? "first"
      : `${issue.offsetSeconds >= 0 ? "+" : "−"}${Math.abs(issue.offsetSeconds)} s after the root`;
  return (
    <div>
      <Link
        href={`/issues/${issue.id}`}
        className="break-words font-medium text-zinc-900 underline-offset-2 hover:underline"
      >
        {issue.title}
      </Link>
      {/* The level by icon and name, not a coloured dot alone. */}
      <p className="text-xs text-zinc-600">
        <LevelLabel level={issue.level} /> · {issue.platform ?? "unknown platform"} ·{" "}
        {issue.projectSlug ?? `project ${issue.projectId}`} · {offset} · <Count value={issue.eventCount} />{" "}
        events · <Count value={issue.userCount} /> users · <StatusBadge status={issue.status} />
      </p>
      {issue.role === "root" && issue.links.length > 0 && (
        <p className="mt-1 text-xs text-zinc-500">
          Linked by{" "}
          {issue.links
            .flatMap((l) => l.evidence.map(describeEvidence))
            .slice(0, 2)
            .join("; ")}
        </p>
      )}
    </div>
  );
}

function ActionButton({ label, busy, onClick }: { label: string; busy: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      disabled={busy}
      onClick={onClick}
      className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-medium text-zinc-700 hover:bg-zinc-50 disabled:opacity-50"
    >
      {label}
    </button>
  );
}

function MergeForm({ busy, onMerge }: { busy: boolean; onMerge: (incidentId: string) => void }) {
  const [value, setValue] = useState("");
  const valid = /^\d{1,18}$/.test(value.trim());
  return (
    <SectionCard title="Merge another incident">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onMerge(value.trim());
        }}
      >
        <label className="text-sm text-zinc-700">
          Incident number
          <input
            inputMode="numeric"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className="ml-2 w-28 rounded-md border border-zinc-300 px-2 py-1 text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={!valid || busy}
          className="rounded-md bg-zinc-900 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
        >
          Merge into this incident
        </button>
      </form>
    </SectionCard>
  );
}
