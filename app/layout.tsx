import type { Metadata } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import type { AuthConfig } from "@/lib/auth/auth-config";
import { storedUserKey } from "@/lib/auth/stored-session";
import { env } from "@/lib/env";
import { clientEnv } from "@/lib/env.client";
import { browserSentryAttributes, browserSentryConfig } from "@/lib/observability/browser-sentry-config";
import { EARLY_LIST_HEADER, earlyListPathFromHeader, earlyListScript } from "@/lib/query/early-list-request";
import { Providers } from "./providers";
import "./globals.css";

// Self-hosted: next/font/google needs the network at build time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});

export const metadata: Metadata = {
  title: "Sift",
  description: "On-call triage for Sentry: what broke, who owns it, who is hurt.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Per request, not at build: one image must work with whatever IdP is set at start, and each
  // page has its own nonce (proxy.ts). Reading the request's headers makes the layout dynamic.
  const requestHeaders = await headers();
  const scope = [...new Set(`${env.OIDC_SCOPE} ${env.OIDC_API_SCOPE}`.split(/\s+/).filter(Boolean))].join(
    " ",
  );
  const authConfig: AuthConfig = {
    issuer: env.OIDC_ISSUER ?? "",
    clientId: env.OIDC_CLIENT_ID,
    scope,
    audience: env.OIDC_AUDIENCE,
    resource: env.OIDC_RESOURCE,
    rolesClaim: env.OIDC_ROLES_CLAIM,
  };
  const listPath = authConfig.issuer ? earlyListPathFromHeader(requestHeaders.get(EARLY_LIST_HEADER)) : null;

  return (
    <html
      lang="en"
      className={inter.variable}
      {...browserSentryAttributes(browserSentryConfig({ ...env, ...clientEnv }))}
    >
      <head>
        {listPath ? (
          <script
            nonce={requestHeaders.get("x-nonce") ?? undefined}
            // The browser hides a nonce from the DOM once it is parsed; hydration would see a mismatch.
            suppressHydrationWarning
            // biome-ignore lint/security/noDangerouslySetInnerHtml: our own code's source, arguments JSON-escaped for <script> (lib/query/early-list-request.ts)
            dangerouslySetInnerHTML={{ __html: earlyListScript(listPath, storedUserKey(authConfig)) }}
          />
        ) : null}
      </head>
      <body>
        <Providers authConfig={authConfig}>{children}</Providers>
      </body>
    </html>
  );
}
