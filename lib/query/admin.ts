import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  jobItem,
  jobListResponse,
  type ProjectSettingsBody,
  projectItem,
  projectListResponse,
} from "@/lib/contracts/admin";
import { apiFetch, retryUnlessClientError } from "./api-fetch";

export const adminKeys = {
  projects: ["projects"] as const,
  failedJobs: ["admin", "jobs", "failed"] as const,
};

export const projectsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.projects,
    queryFn: ({ signal }) => apiFetch("/api/projects", projectListResponse, { signal }),
    retry: retryUnlessClientError,
  });

export const failedJobsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.failedJobs,
    queryFn: ({ signal }) => apiFetch("/api/admin/jobs?status=failed", jobListResponse, { signal }),
    retry: retryUnlessClientError,
  });

export const useProjects = () => useQuery(projectsQueryOptions());
export const useFailedJobs = () => useQuery(failedJobsQueryOptions());

export function useSetProjectSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, settings }: { projectId: string; settings: ProjectSettingsBody }) =>
      apiFetch(`/api/projects/${encodeURIComponent(projectId)}/settings`, projectItem, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(settings),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.projects }),
  });
}

export function useRequeueJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (jobId: number) => apiFetch(`/api/admin/jobs/${jobId}/requeue`, jobItem, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.failedJobs }),
  });
}
