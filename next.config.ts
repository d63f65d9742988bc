import { withSentryConfig } from "@sentry/nextjs/config";
import type { NextConfig } from "next";
import { apiContentSecurityPolicy, commonSecurityHeaders } from "./lib/security/security-headers";

const asHeaders = (pairs: [string, string][]) => pairs.map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // PGlite ships ~20 MB of WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "oidc-provider"],
  // Sentry does not follow redirects: a 308 from /api/webhooks/sentry/ would drop the delivery.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // Drops the Sentry SDK's debug logging from every bundle (Sift never sets `debug`); withSentryConfig's
  // own switch for this (webpack.treeshake.removeDebugLogging) only acts on webpack builds.
  compiler: { define: { __SENTRY_DEBUG__: false } },
  // Pages get their Content-Security-Policy (with a per-request nonce) and framing rules from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: asHeaders(commonSecurityHeaders({ production: process.env.NODE_ENV === "production" })),
      },
      {
        source: "/api/:path*",
        headers: asHeaders([
          ["Content-Security-Policy", apiContentSecurityPolicy],
          ["X-Frame-Options", "DENY"],
          ["Cross-Origin-Resource-Policy", "same-origin"],
        ]),
      },
    ];
  },
};

const uploadSourceMaps = Boolean(process.env.SENTRY_AUTH_TOKEN);

export default withSentryConfig(nextConfig, {
  org: process.env.SENTRY_ORG,
  project: process.env.SENTRY_PROJECT,
  authToken: process.env.SENTRY_AUTH_TOKEN,
  telemetry: false,
  silent: !process.env.CI,
  sourcemaps: { disable: !uploadSourceMaps },
});
