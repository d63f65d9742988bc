import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  FeedbackKind,
  FeedbackResponse,
  ModelsResponse,
  OwnersResponse,
} from "@/lib/contracts/feedback";
import { apiFetch, retryUnlessClientError } from "./api-fetch";
import { issueKeys } from "./issues";

export const modelKeys = { all: ["models"] as const, owners: ["owners"] as const };

export const modelsQueryOptions = () =>
  queryOptions({
    queryKey: modelKeys.all,
    queryFn: ({ signal }) => apiFetch<ModelsResponse>("/api/models", { signal }),
    retry: retryUnlessClientError,
  });

export const useModels = () => useQuery(modelsQueryOptions());

/** Owners to pick from when correcting one; they change rarely. */
export const useKnownOwners = () =>
  useQuery({
    queryKey: modelKeys.owners,
    queryFn: ({ signal }) => apiFetch<OwnersResponse>("/api/owners", { signal }),
    staleTime: 5 * 60_000,
    retry: retryUnlessClientError,
  });

export type FeedbackInput = { kind: FeedbackKind; verdict: "confirm" | "correct"; value?: string };

/** A triager's confirmation or correction; the issue page shows it as soon as the answer comes. */
export function useGiveFeedback(issueId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FeedbackInput) =>
      apiFetch<FeedbackResponse>(`/api/issues/${encodeURIComponent(issueId)}/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(input),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: issueKeys.detail(issueId) });
      void client.invalidateQueries({ queryKey: modelKeys.all });
    },
  });
}
