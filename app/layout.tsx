import type { Metadata } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import type { ReactNode } from "react";
import type { AuthConfig } from "@/lib/auth/auth-config";
import { storedSessionAttributes } from "@/lib/auth/stored-session";
import { env } from "@/lib/env";
import { clientEnv } from "@/lib/env.client";
import { browserSentryAttributes, browserSentryConfig } from "@/lib/observability/browser-sentry-config";
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
  // Read env per request, not at build: one image must work with whatever IdP is set at start.
  await connection();
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

  return (
    <html
      lang="en"
      className={inter.variable}
      {...browserSentryAttributes(browserSentryConfig({ ...env, ...clientEnv }))}
      {...storedSessionAttributes(authConfig)}
    >
      <body>
        <Providers authConfig={authConfig}>{children}</Providers>
      </body>
    </html>
  );
}
