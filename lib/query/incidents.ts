import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  IncidentCorrectionBody,
  IncidentDetailResponse,
  IncidentListResponse,
} from "@/lib/contracts/incidents";
import { adminKeys } from "./admin";
import { apiFetch, retryUnlessClientError } from "./api-fetch";
import { issueKeys } from "./issues";

export const incidentKeys = {
  all: ["incidents"] as const,
  list: (status: "open" | "resolved" | null) => [...incidentKeys.all, "list", status] as const,
  detail: (incidentId: string) => [...incidentKeys.all, "detail", incidentId] as const,
};

/** Incidents grow while a fire burns; on-call wants that without reloading. */
const REFETCH_MS = 10_000;

export const incidentsQueryOptions = (status: "open" | "resolved" | null) =>
  queryOptions({
    queryKey: incidentKeys.list(status),
    queryFn: ({ signal }) =>
      apiFetch<IncidentListResponse>(`/api/incidents?limit=100${status ? `&status=${status}` : ""}`, {
        signal,
      }),
    refetchInterval: REFETCH_MS,
    retry: retryUnlessClientError,
  });

export const incidentQueryOptions = (incidentId: string) =>
  queryOptions({
    queryKey: incidentKeys.detail(incidentId),
    queryFn: ({ signal }) =>
      apiFetch<IncidentDetailResponse>(`/api/incidents/${encodeURIComponent(incidentId)}`, { signal }),
    refetchInterval: REFETCH_MS,
    retry: retryUnlessClientError,
  });

export const useIncidents = (status: "open" | "resolved" | null) => useQuery(incidentsQueryOptions(status));
export const useIncident = (incidentId: string) => useQuery(incidentQueryOptions(incidentId));

/** A triager's merge, split or root; the answer is the incident now holding the corrected issues. */
export function useCorrectIncident(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (correction: IncidentCorrectionBody) =>
      apiFetch<IncidentDetailResponse>(`/api/incidents/${encodeURIComponent(incidentId)}/corrections`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(correction),
      }),
    onSuccess: (detail) => {
      client.setQueryData(incidentKeys.detail(detail.incident.id), detail);
      void client.invalidateQueries({ queryKey: incidentKeys.all });
      void client.invalidateQueries({ queryKey: issueKeys.all });
      void client.invalidateQueries({ queryKey: adminKeys.auditLog });
    },
  });
}
