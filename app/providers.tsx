"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import type { AuthConfig } from "@/lib/auth/auth-config";
import { AuthProvider } from "@/lib/auth/auth-context";
import { retryUnlessClientError } from "@/lib/query/api-fetch";

export function Providers({ authConfig, children }: { authConfig: AuthConfig; children: ReactNode }) {
  // useState, not module scope: one client per browser tab, never shared between SSR requests.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // 30 s keeps tab switches cheap; retrying 401/403 (or any 4xx) cannot succeed.
          queries: { staleTime: 30_000, retry: retryUnlessClientError },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider config={authConfig}>{children}</AuthProvider>
    </QueryClientProvider>
  );
}
