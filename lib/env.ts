// No "server-only": the Pages Router webhook (pages/api/webhooks/sentry.ts) imports this, and that
// marker throws there. test/browser-imports.test.ts keeps it out of the browser instead.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseTenantTiers } from "@/lib/analysis/tenant-tiers";
import type { TenantTier } from "@/lib/analysis/types";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    );

const flag = (fallback: "0" | "1") =>
  z
    .enum(["0", "1", "true", "false", "on", "off"])
    .default(fallback)
    .transform((v) => v === "1" || v === "true" || v === "on");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional,
  SIFT_DATA_DIR: z.string().default(".data/pglite"),
  // PostgreSQL pool (lib/db/connect.ts). Timeouts in milliseconds; 0 turns one off.
  SIFT_DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  // Opening a connection, or waiting for a free pool client, fails (503) after this.
  SIFT_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  // The server cancels a statement (or lock wait) running longer (503); migrations are exempt.
  SIFT_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  // The server ends a session idle inside a transaction for longer, so a stuck request frees its locks.
  SIFT_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  SIFT_WORKER: flag("1"),
  // Jobs a worker runs at once (PostgreSQL; PGlite runs one at a time). The web process's own worker
  // runs at most 2, and 1 while it serves a burst of webhooks.
  SIFT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  SIFT_WORKER_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(250),
  // A claimed job whose worker died is claimed again after this; it must outlast the longest job.
  SIFT_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // A busy issue is re-analysed at most this often; a new issue is analysed at once.
  SIFT_REANALYSE_AFTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  // After an upgrade that changes the analyser, workers re-analyse the unresolved issues seen in
  // this many days, in their spare time, most recently seen first (0: only their next event does).
  SIFT_REANALYSE_ON_UPGRADE_DAYS: z.coerce.number().int().min(0).max(3650).default(14),
  // Finished jobs are kept this long for inspection, then deleted by idle workers (0: keep forever).
  SIFT_JOB_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  // Events (and what the rollups count of them) are deleted this many days after they occurred,
  // whole months of them as partitions, by the worker's hourly event_partitions job. Unset: kept forever.
  SIFT_RETENTION_DAYS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(1).max(36_500).optional(),
  ),
  SIFT_OWNERSHIP_RULES: z.string().default(""),
  // A folder of markdown post-mortems imported (idempotently) each time the server starts.
  SIFT_POSTMORTEMS_DIR: optional,
  SIFT_TENANT_KEYS: list("tenant_id"),
  SIFT_ROLES_KEYS: list("roles"),
  SIFT_TRIAGE_TEAM: z.string().default("#triage"),
  // High-value tenants for the priority: `tenant:tier` list or a JSON object, tiers enterprise | pro |
  // free; or a file holding the same (the file wins when both are set). Checked when the worker starts.
  SIFT_TENANT_TIERS: z.string().default(""),
  SIFT_TENANT_TIERS_FILE: optional,
  // A tenant is active (counted in the share of active tenants an issue hit) when seen in this many days.
  SIFT_ACTIVE_TENANT_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  SIFT_ENABLE_DEBUG_ROUTES: flag("0"),
  WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SENTRY_CLIENT_SECRET: optional,
  SENTRY_APP_ID: optional,
  // A public integration's Client ID: installations' grant codes are exchanged for tokens with it
  // and SENTRY_CLIENT_SECRET. Unset: installation webhooks are recorded, nothing is exchanged.
  SENTRY_CLIENT_ID: optional,
  // 32 random bytes, base64 (`openssl rand -base64 32`): seals installation tokens at rest
  // (AES-256-GCM). Checked when the public integration starts (lib/installations/token-cipher.ts).
  SIFT_ENCRYPTION_KEY: optional,
  // Sentry Web API, read before analysing an issue that arrived without an event (issue.created).
  // Token: an internal integration's token with Issue & Event: Read. Both unset: no API calls.
  SENTRY_API_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().default("https://sentry.io")),
  SENTRY_API_TOKEN: optional,
  // Sentry's web address (as sentry-cli reads it): links into Sentry from payloads (an issue's
  // permalink, an alert's page) must lead to its host or a subdomain. Unset: sentry.io and
  // SENTRY_API_URL's host. A link elsewhere, or not http(s), is stored as no link.
  SENTRY_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  SENTRY_ORG: optional,
  // With the API configured, ask Sentry every N seconds for issues seen since the last ask (0: never).
  SIFT_SENTRY_POLL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  SIFT_SENTRY_POLL_LOOKBACK_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  // Writing analyses back to Sentry (needs the API token): off | comment | assign (comment and
  // assign the owning team). Admins can override it per project.
  SIFT_WRITEBACK: z.enum(["off", "comment", "assign"]).default("off"),
  // Where Sift's dashboard is reached, for the link in the comment it posts.
  SIFT_PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().default("http://localhost:3000")),
  // A write-back that keeps failing (5xx, timeouts) is parked as failed after this many attempts.
  SIFT_WRITEBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  // An issue re-analysed again and again gets its Sentry comment edited at most this often.
  SIFT_WRITEBACK_EDIT_AFTER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  // Optional language model that may only rephrase the deterministic summary from its facts: an
  // OpenAI-compatible API root (…/v1) and model; both unset (the default): never called.
  LLM_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  LLM_API_KEY: optional,
  LLM_MODEL: optional,
  // A slower answer is dropped and the deterministic summary kept.
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  OIDC_ISSUER: optional,
  OIDC_CLIENT_ID: z.string().default("sift-dashboard"),
  OIDC_AUDIENCE: z.string().default("sift-api"),
  OIDC_SCOPE: z.string().default("openid profile email"),
  // Scope naming the Sift API at the IdP, appended to OIDC_SCOPE by the browser; set it empty
  // for IdPs that reject unknown scopes.
  OIDC_API_SCOPE: z.string().trim().default("sift:api"),
  // RFC 8707 resource indicator sent by the browser; must be an absolute URI (e.g. urn:sift:api).
  // Unset: the IdP's default resource decides the token audience (the local IdP does this).
  OIDC_RESOURCE: optional,
  OIDC_ROLES_CLAIM: z.string().default("roles"),
  // Signature algorithms an access token may use. Asymmetric only: `none` and the HS* family (a
  // shared secret any client could hold) are refused here, at start, whatever is configured.
  OIDC_ALGORITHMS: list("RS256,ES256,PS256").refine(
    (algs) => algs.length > 0 && algs.every((alg) => !/^(none|HS\d+)$/i.test(alg)),
    "OIDC_ALGORITHMS must list asymmetric algorithms only (no `none`, no HS256/384/512)",
  ),
  // Leeway for exp and nbf, for clocks that disagree a little with the IdP's.
  OIDC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  // The IdP's signing keys are fetched again at most this often: on a token with an unknown kid
  // (key rotation), and after a failed fetch (answered 503 with Retry-After until then).
  OIDC_JWKS_REFETCH_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // Keys are refreshed after this age even when every kid is known (a key the IdP withdrew stops working).
  OIDC_JWKS_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
  // Origins the pages may fetch from besides their own, the issuer's and the Sentry DSN's
  // (proxy.ts): e.g. https://oauth2.googleapis.com for Google, whose token endpoint is elsewhere.
  SIFT_CSP_CONNECT_SRC: list(""),
  // Sift's own Sentry project (sentry.server.config.ts); the pages' CSP violations are reported to it.
  SENTRY_DSN: optional,
  SENTRY_ENVIRONMENT: optional,
  // Read by sentry.server.config.ts itself; here for the browser's copy (lib/observability/own-sentry-project.ts).
  SENTRY_TRACES_SAMPLE_RATE: optional,
});

export type Env = z.infer<typeof schema>;

/** Every setting read from the environment, for the test that keeps the README and .env.example complete. */
export const ENV_KEYS: readonly string[] = Object.keys(schema.shape);

export const env: Env = schema.parse(process.env);

/**
 * Tenant tiers from SIFT_TENANT_TIERS_FILE when set, else SIFT_TENANT_TIERS; a malformed one throws
 * naming its source. The worker reads them at start-up to weigh priorities; the tenant page shows
 * the tier they were weighed with.
 */
export function tenantTiersFromEnv(): Map<string, TenantTier> {
  const file = env.SIFT_TENANT_TIERS_FILE;
  const source = file ? `SIFT_TENANT_TIERS_FILE (${file})` : "SIFT_TENANT_TIERS";
  try {
    return parseTenantTiers(file ? readFileSync(file, "utf8") : env.SIFT_TENANT_TIERS);
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
}
