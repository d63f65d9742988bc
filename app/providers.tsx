"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import type { AuthConfig } from "@/lib/auth/auth-config";
import { AuthProvider, useAuth } from "@/lib/auth/auth-context";
import { setBrowserSentryUser } from "@/lib/observability/browser-sentry";
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
      <AuthProvider config={authConfig}>
        <SentryUser />
        {children}
      </AuthProvider>
    </QueryClientProvider>
  );
}

/** Sift's own error reports name the signed-in engineer by OIDC subject and roles, nothing more. */
function SentryUser() {
  const { user } = useAuth();
  const sub = user?.sub;
  const roles = user?.roles.join(",");
  useEffect(() => {
    setBrowserSentryUser(sub ? { sub, roles: roles ? roles.split(",") : [] } : null);
  }, [sub, roles]);
  return null;
}
