import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  PostmortemDetail,
  PostmortemItem,
  PostmortemListResponse,
  PostmortemUploadBody,
} from "@/lib/contracts/postmortems";
import { adminKeys } from "./admin";
import { apiFetch, retryUnlessClientError } from "./api-fetch";
import { issueKeys } from "./issues";

export const postmortemKeys = {
  list: ["admin", "postmortems"] as const,
  detail: (id: number) => ["postmortems", id] as const,
};

export const postmortemsQueryOptions = () =>
  queryOptions({
    queryKey: postmortemKeys.list,
    queryFn: ({ signal }) => apiFetch<PostmortemListResponse>("/api/admin/postmortems", { signal }),
    retry: retryUnlessClientError,
  });

export const postmortemQueryOptions = (id: number) =>
  queryOptions({
    queryKey: postmortemKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<PostmortemDetail>(`/api/postmortems/${id}`, { signal }),
    retry: retryUnlessClientError,
  });

export const usePostmortems = () => useQuery(postmortemsQueryOptions());
export const usePostmortem = (id: number) => useQuery(postmortemQueryOptions(id));

// A post-mortem changes what every issue page shows under "Similar post-mortems".
function useInvalidateAfterWrite() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: postmortemKeys.list }),
      client.invalidateQueries({ queryKey: adminKeys.auditLog }),
      client.invalidateQueries({ queryKey: issueKeys.all }),
    ]);
}

export function useUploadPostmortem() {
  const invalidate = useInvalidateAfterWrite();
  return useMutation({
    mutationFn: (body: PostmortemUploadBody) =>
      apiFetch<PostmortemItem>("/api/admin/postmortems", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
    onSuccess: invalidate,
  });
}

export function useDeletePostmortem() {
  const invalidate = useInvalidateAfterWrite();
  return useMutation({
    mutationFn: (id: number) =>
      apiFetch<PostmortemItem>(`/api/admin/postmortems/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
