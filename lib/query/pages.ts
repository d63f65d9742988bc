import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ReleaseResponse, TeamResponse, TenantResponse } from "@/lib/contracts/pages";
import { apiFetch, retryUnlessClientError } from "./api-fetch";

// The tenant, team and release pages' headers; their issue lists are useIssues with a filter.

export const pageKeys = {
  tenant: (tenant: string) => ["tenants", tenant] as const,
  team: (team: string) => ["teams", team] as const,
  release: (release: string) => ["releases", release] as const,
};

/** Counts move with every event; the issue lists below refresh at the same pace. */
const REFETCH_MS = 10_000;

const summaryQuery = <T>(key: readonly string[], path: string) =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) => apiFetch<T>(path, { signal }),
    refetchInterval: REFETCH_MS,
    retry: retryUnlessClientError,
  });

export const useTenant = (tenant: string) =>
  useQuery(
    summaryQuery<TenantResponse>(pageKeys.tenant(tenant), `/api/tenants/${encodeURIComponent(tenant)}`),
  );

export const useTeam = (team: string) =>
  useQuery(summaryQuery<TeamResponse>(pageKeys.team(team), `/api/teams/${encodeURIComponent(team)}`));

export const useRelease = (release: string) =>
  useQuery(
    summaryQuery<ReleaseResponse>(pageKeys.release(release), `/api/releases/${encodeURIComponent(release)}`),
  );
