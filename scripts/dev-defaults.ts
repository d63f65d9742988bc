// Settings that make `npm run dev` work with nothing configured. Each can be overridden by the
// environment or .env.local; none of them is used by `npm start`.
export const devDefaults: Record<string, string> = {
  OIDC_ISSUER: "http://localhost:4000",
  OIDC_CLIENT_ID: "sift-dashboard",
  OIDC_AUDIENCE: "sift-api",
  SENTRY_CLIENT_SECRET: "sift-dev-webhook-secret",
  SIFT_DATA_DIR: ".data/pglite",
  SIFT_POSTMORTEMS_DIR: "dev/postmortems",
  SIFT_OWNERSHIP_RULES: [
    "path:*checkout* #payments",
    "path:*.py #backend",
    "module:io.sentry.* #android",
    "tags.tenant_id:umbrella #enterprise-support",
    "url:*api.example.com/* #api",
  ].join("\n"),
};
