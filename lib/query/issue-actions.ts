import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  IssueActionInput,
  IssueActionsCreated,
  IssueActionsResponse,
} from "@/lib/contracts/issue-actions";
import { adminKeys } from "./admin";
import { apiFetch, retryUnlessClientError } from "./api-fetch";
import { incidentKeys } from "./incidents";
import { issueKeys } from "./issues";

/** Actions, whether of one issue or of an incident's issues, by the path they are read and posted at. */
export const actionKeys = {
  all: ["actions"] as const,
  of: (path: string) => [...actionKeys.all, path] as const,
};

// A pending action is written within seconds; poll until none is left.
const PENDING_POLL_MS = 1_500;

const actionsQueryOptions = (path: string) =>
  queryOptions({
    queryKey: actionKeys.of(path),
    queryFn: ({ signal }) => apiFetch<IssueActionsResponse>(path, { signal }),
    refetchInterval: (query) =>
      query.state.data?.actions.some((a) => a.status === "pending") ? PENDING_POLL_MS : false,
    retry: retryUnlessClientError,
  });

const issuePath = (issueId: string) => `/api/issues/${encodeURIComponent(issueId)}/actions`;
const incidentPath = (incidentId: string) => `/api/incidents/${encodeURIComponent(incidentId)}/actions`;

export const useIssueActions = (issueId: string) => useQuery(actionsQueryOptions(issuePath(issueId)));
export const useIncidentActions = (incidentId: string) =>
  useQuery(actionsQueryOptions(incidentPath(incidentId)));

function useRequestAction(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueActionInput) =>
      apiFetch<IssueActionsCreated>(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(input),
      }),
    // Shown at once as pending, before the next read.
    onSuccess: ({ actions }) => {
      client.setQueryData<IssueActionsResponse>(actionKeys.of(path), (old) =>
        old ? { ...old, actions: [...actions, ...old.actions] } : old,
      );
      void client.invalidateQueries({ queryKey: actionKeys.all });
      void client.invalidateQueries({ queryKey: issueKeys.all });
      void client.invalidateQueries({ queryKey: incidentKeys.all });
      void client.invalidateQueries({ queryKey: adminKeys.auditLog });
    },
  });
}

/** A triager's action on one issue, written to Sentry by the worker. */
export const useRequestIssueAction = (issueId: string) => useRequestAction(issuePath(issueId));
/** The same action on every issue of an incident. */
export const useRequestIncidentAction = (incidentId: string) => useRequestAction(incidentPath(incidentId));
