import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { clientEnv } from "@/lib/env.client";
import { EARLY_LIST_HEADER, earlyListPath } from "@/lib/query/early-list-request";
import {
  frameOptions,
  pageContentSecurityPolicy,
  pageCspSources,
  sentryCspReportUri,
} from "@/lib/security/security-headers";

// Read once per process: the issuer and DSNs are settings of this deployment, not of a request.
const sources = pageCspSources({
  oidcIssuer: env.OIDC_ISSUER,
  browserSentryDsn: clientEnv.NEXT_PUBLIC_SENTRY_DSN,
  extraConnect: env.SIFT_CSP_CONNECT_SRC,
  // Violations go to Sift's own Sentry project, where a policy that breaks a page shows up.
  reportUri: sentryCspReportUri(clientEnv.NEXT_PUBLIC_SENTRY_DSN ?? env.SENTRY_DSN, env.SENTRY_ENVIRONMENT),
});
const dev = env.NODE_ENV === "development";
// oidc-client-ts's silent renew loads the callback page in an iframe of Sift's own pages.
const framedBySelfPaths = new Set(["/auth/callback"]);

function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

/**
 * Every page gets a fresh nonce and the Content-Security-Policy naming it. Next reads the policy
 * from the request headers and puts the nonce on its own scripts and styles, so only scripts that
 * Next rendered for this answer run; the layout is dynamic (it reads the request headers), so no page is cached
 * with a stale nonce.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const framedBySelf = framedBySelfPaths.has(request.nextUrl.pathname);
  const policy = pageContentSecurityPolicy({ nonce, dev, sources, framedBySelf });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  // The list page's first API request, for the layout's early script; set here only, never by the client.
  const listPath = earlyListPath(request.nextUrl.pathname, request.nextUrl.searchParams);
  if (listPath) requestHeaders.set(EARLY_LIST_HEADER, listPath);
  else requestHeaders.delete(EARLY_LIST_HEADER);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Frame-Options", frameOptions(framedBySelf));
  response.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  return response;
}

export const config = {
  matcher: [
    // Not API routes (next.config.ts gives them a policy of their own), not static files, and not
    // prefetches (RSC data, never a document).
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
