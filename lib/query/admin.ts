import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  JobItem,
  JobListResponse,
  ProjectItem,
  ProjectListResponse,
  ProjectSettingsBody,
} from "@/lib/contracts/admin";
import type { AuditListResponse } from "@/lib/contracts/audit";
import { apiFetch, retryUnlessClientError } from "./api-fetch";

export const adminKeys = {
  projects: ["projects"] as const,
  failedJobs: ["admin", "jobs", "failed"] as const,
  auditLog: ["admin", "audit"] as const,
};

export const projectsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.projects,
    queryFn: ({ signal }) => apiFetch<ProjectListResponse>("/api/projects", { signal }),
    retry: retryUnlessClientError,
  });

export const failedJobsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.failedJobs,
    queryFn: ({ signal }) => apiFetch<JobListResponse>("/api/admin/jobs?status=failed", { signal }),
    retry: retryUnlessClientError,
  });

export const auditLogQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: adminKeys.auditLog,
    queryFn: ({ pageParam, signal }) =>
      apiFetch<AuditListResponse>(
        `/api/admin/audit${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    retry: retryUnlessClientError,
  });

export const useProjects = () => useQuery(projectsQueryOptions());
export const useAuditLog = () => useInfiniteQuery(auditLogQueryOptions());
export const useFailedJobs = () => useQuery(failedJobsQueryOptions());

export function useSetProjectSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, settings }: { projectId: string; settings: ProjectSettingsBody }) =>
      apiFetch<ProjectItem>(`/api/projects/${encodeURIComponent(projectId)}/settings`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(settings),
      }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: adminKeys.projects }),
        client.invalidateQueries({ queryKey: adminKeys.auditLog }),
      ]),
  });
}

export function useRequeueJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (jobId: number) => apiFetch<JobItem>(`/api/admin/jobs/${jobId}/requeue`, { method: "POST" }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: adminKeys.failedJobs }),
        client.invalidateQueries({ queryKey: adminKeys.auditLog }),
      ]),
  });
}
