"use client";

import Link from "next/link";
import { Count } from "@/app/_components/count";
import { ErrorState } from "@/app/_components/error-state";
import { RelativeTime } from "@/app/_components/relative-time";
import { SectionCard } from "@/app/_components/section-card";
import { Skeleton } from "@/app/_components/skeleton";
import { StatusBadge } from "@/app/_components/status-badge";
import { useDocumentTitle } from "@/app/_components/use-document-title";
import type { TenantResponse } from "@/lib/contracts/pages";
import { ApiRequestError, errorMessage } from "@/lib/query/api-fetch";
import { useTenant } from "@/lib/query/pages";
import { IssuesByStatus } from "../../../_components/issue-queue";
import { BackToIssues, Figure, PageNotFound } from "../../../_components/page-not-found";
import { useQueueFilters } from "../../../_components/queue-filters";

const TIER_STYLES: Record<NonNullable<TenantResponse["tier"]>, string> = {
  enterprise: "bg-violet-100 text-violet-900 ring-1 ring-violet-300",
  pro: "bg-sky-50 text-sky-900 ring-1 ring-sky-200",
  free: "bg-zinc-100 text-zinc-700",
};

/** Everything hurting one tenant: who it is to us (tier), how hard it is hit, and its issues, worst first. */
export function TenantDetail({ tenant }: { tenant: string }) {
  const query = useTenant(tenant);
  const { params, toolbar } = useQueueFilters();
  const notFound = query.error instanceof ApiRequestError && [400, 404].includes(query.error.status);
  useDocumentTitle(notFound ? "Tenant not found · Sift" : `Tenant ${tenant} · Sift`);
  if (notFound) {
    return (
      <PageNotFound title="Tenant not found">
        <p>
          No stored event names the tenant <span className="font-mono break-all">{tenant}</span>. The link may
          be wrong, or its events have passed the retention period.
        </p>
      </PageNotFound>
    );
  }
  return (
    <div className="space-y-5">
      <BackToIssues />
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs text-zinc-600">Tenant</span>
          {query.data && <TierBadge tier={query.data.tier} />}
        </div>
        <h1 className="font-mono text-xl font-semibold break-all text-zinc-900">{tenant}</h1>
      </header>
      {query.isPending ? (
        <Skeleton className="h-24" />
      ) : !query.data ? (
        <ErrorState
          title="Could not load tenant"
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <TenantFacts tenant={query.data} />
      )}
      {toolbar}
      <IssuesByStatus
        params={{ ...params, tenant }}
        noun="for this tenant"
        counts={query.data && { open: query.data.openIssueCount }}
      />
    </div>
  );
}

function TierBadge({ tier }: { tier: TenantResponse["tier"] }) {
  if (!tier) {
    return (
      <span data-testid="tenant-tier" className="text-xs text-zinc-600 italic">
        no tier configured
      </span>
    );
  }
  return (
    <span
      data-testid="tenant-tier"
      className={`rounded-md px-1.5 py-0.5 text-xs font-medium ${TIER_STYLES[tier]}`}
    >
      {tier}
    </span>
  );
}

function TenantFacts({ tenant }: { tenant: TenantResponse }) {
  return (
    <div className="space-y-5">
      <dl data-testid="tenant-figures" className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <Figure label="Open issues">
          <Count value={tenant.openIssueCount} />
        </Figure>
        <Figure label="All issues">
          <Count value={tenant.issueCount} />
        </Figure>
        <Figure label="Events, 24 h">
          <Count value={tenant.last24h.events} />
        </Figure>
        <Figure label="Users, 24 h">
          <Count value={tenant.last24h.users} />
        </Figure>
        <Figure label="Events, 7 d">
          <Count value={tenant.last7d.events} />
        </Figure>
        <Figure label="Users, 7 d">
          <Count value={tenant.last7d.users} />
        </Figure>
      </dl>
      {tenant.lastSeen && (
        <p className="text-xs text-zinc-600">
          Last hit <RelativeTime value={tenant.lastSeen} />
        </p>
      )}
      <div className="grid gap-5 lg:grid-cols-2">
        <SectionCard title="Roles seen">
          {tenant.roles.length === 0 ? (
            <p className="text-sm text-zinc-600">No user roles on this tenant's events.</p>
          ) : (
            <ul data-testid="tenant-roles" className="flex flex-wrap gap-1.5">
              {tenant.roles.map((role) => (
                <li key={role.role} className="rounded-md bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700">
                  {role.role}{" "}
                  <span className="font-medium text-zinc-900">
                    · {role.users} {role.users === 1 ? "user" : "users"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
        <SectionCard title="Incidents">
          {tenant.incidents.length === 0 ? (
            <p className="text-sm text-zinc-600">None of this tenant's issues is in an incident.</p>
          ) : (
            <ul data-testid="tenant-incidents" className="divide-y divide-zinc-100">
              {tenant.incidents.map((incident) => (
                <li key={incident.id} className="py-2 first:pt-0 last:pb-0">
                  <Link
                    href={`/incidents/${incident.id}`}
                    className="break-words text-sm font-medium text-zinc-900 underline-offset-2 hover:underline"
                  >
                    {incident.title}
                  </Link>
                  <p className="text-xs text-zinc-600">
                    <StatusBadge status={incident.status} /> {incident.tenantIssues} of {incident.issueCount}{" "}
                    issues hit this tenant · last seen <RelativeTime value={incident.lastSeen} />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
      </div>
    </div>
  );
}
