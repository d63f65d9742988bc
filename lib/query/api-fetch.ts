import { getAccessToken } from "@/lib/auth/oidc-client";
import { ApiRequestError, requestApi, SESSION_EXPIRED } from "./api-request";

export { ApiRequestError } from "./api-request";

/** Calls our own /api with the signed-in user's Bearer token (renewed first if it expired). */
export async function apiFetch<T>(path: string, init?: RequestInit): Promise<T> {
  const token = await getAccessToken();
  // Without a token the server can only answer 401, so skip the round trip.
  if (!token) throw new ApiRequestError(401, "unauthenticated", SESSION_EXPIRED);
  return requestApi<T>(path, token, init);
}

/** react-query `retry`: 4xx answers won't change on retry, so fail fast; retry network and 5xx twice. */
export function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** The message to show for a failed query, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Unexpected error.";
}
