import * as Sentry from "@sentry/nextjs";

type SentryInitOptions = NonNullable<Parameters<typeof Sentry.init>[0]>;

// Env values arrive as strings (or undefined); the config files pass them in so this module never reads process.env.
export type SentryConfigInput = {
  dsn?: string;
  environment?: string;
  release?: string;
  tracesSampleRate?: number | string;
};

const blankToUndefined = (value: string | undefined) => value?.trim() || undefined;

/**
 * By hand, not zod: the browser builds its options here too, and zod would weigh more in its
 * JavaScript than the whole check. A rate outside 0–1 stops start-up, as a bad env value should.
 */
function parseSentryConfig(input: SentryConfigInput) {
  const rate = input.tracesSampleRate;
  const tracesSampleRate = rate === undefined || String(rate).trim() === "" ? 0.1 : Number(rate);
  if (!(tracesSampleRate >= 0 && tracesSampleRate <= 1))
    throw new Error(`SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1 (got ${String(rate)}).`);
  return {
    dsn: blankToUndefined(input.dsn),
    environment: blankToUndefined(input.environment),
    release: blankToUndefined(input.release),
    tracesSampleRate,
  };
}

/**
 * Sift monitors itself but must not ship its engineers' personal data: no IPs, cookies, headers, bodies, query
 * strings (the OIDC callback carries `code`/`state`) or local variables (they can hold tokens).
 * `userInfo: false` stops automatic user/IP inference; `setSentryUser` still attaches the pseudonymous OIDC sub.
 */
const dataCollection = {
  userInfo: false,
  cookies: false,
  httpHeaders: false,
  httpBodies: [],
  urlQueryParams: false,
  stackFrameVariables: false,
  databaseQueryData: false,
  queues: false,
  graphQL: { document: false, variables: false },
  genAI: { inputs: false, outputs: false },
} satisfies SentryInitOptions["dataCollection"];

/**
 * Same-origin route the browser SDK posts its envelopes to (app/api/tunnel/route.ts), which
 * forwards them to Sift's own project: ad blockers drop requests to *.sentry.io, not to Sift.
 */
export const sentryTunnelPath = "/api/tunnel";

// Probes hit these every few seconds and the tunnel carries the reports themselves: tracing them
// would bury real requests (and spend the quota) on noise.
const untracedPaths = /^\/api\/(health(\/.*)?|tunnel)\/?$/;

type SamplingContext = Parameters<NonNullable<SentryInitOptions["tracesSampler"]>>[0];

/** The request path a span is about to trace, from whichever hint this SDK and lifecycle gives. */
function requestPathOf(context: SamplingContext): string | undefined {
  const attributes = context.attributes ?? {};
  const path = attributes["url.path"] ?? attributes["http.target"];
  if (typeof path === "string") return path.split("?")[0];
  const url = context.normalizedRequest?.url;
  if (url) {
    try {
      return new URL(url, "http://sift.invalid").pathname;
    } catch {}
  }
  return /^[A-Z]+ (\/\S*)/.exec(context.name)?.[1];
}

/** True when a span for this path must never be sampled. */
export function isUntracedPath(path: string | undefined): boolean {
  return path !== undefined && untracedPaths.test(path);
}

function buildOptions(input: SentryConfigInput): SentryInitOptions {
  const config = parseSentryConfig(input);
  const options: SentryInitOptions = {
    dsn: config.dsn,
    // No DSN means no self-monitoring (local dev, tests): the SDK stays a no-op instead of warning.
    enabled: Boolean(config.dsn),
    tracesSampler: (context) =>
      isUntracedPath(requestPathOf(context)) ? 0 : context.inheritOrSampleWith(config.tracesSampleRate),
    dataCollection,
  };
  // Only set these when given: an explicit `undefined` would override the release @sentry/nextjs injects at build.
  if (config.environment) options.environment = config.environment;
  if (config.release) options.release = config.release;
  return options;
}

/** Options for `sentry.server.config.ts` / `sentry.edge.config.ts`, from the SENTRY_* server env. */
export function serverSentryOptions(env: Record<string, string | undefined>): SentryInitOptions {
  return buildOptions({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT,
    release: env.SENTRY_RELEASE,
    tracesSampleRate: env.SENTRY_TRACES_SAMPLE_RATE,
  });
}

/**
 * Starts a server SDK (`init` of @sentry/nextjs, or of @sentry/node in `npm run worker`) only when
 * SENTRY_DSN is set: a disabled but started SDK still registers OpenTelemetry, and Next's own spans
 * of every request passed through it, ~1 ms of CPU per request, half of an empty route's
 * (docs/benchmarks.md, "Sentry's SDK without a DSN"). The options are read either way, so a bad
 * SENTRY_* value still stops start-up.
 */
export function startServerSentry(
  init: (options: SentryInitOptions) => unknown,
  env: Record<string, string | undefined>,
): void {
  const options = serverSentryOptions(env);
  if (options.enabled) init(options);
}

/**
 * Options for `instrumentation-client.ts`, from the settings the server put on the page
 * (browser-sentry-config.ts). Reports go through Sift's own tunnel route, not to Sentry's host.
 */
export function clientSentryOptions(input: SentryConfigInput): SentryInitOptions {
  return { ...buildOptions(input), tunnel: sentryTunnelPath };
}

/** The signed-in engineer as Sentry sees them: the OIDC subject and roles, never email or name. */
export type SentryPrincipal = { sub: string; roles: readonly string[] };

/** Tags the current scope with the engineer behind a request; pass `null` on sign-out. */
export function setSentryUser(principal: SentryPrincipal | null): void {
  if (!principal) {
    Sentry.setUser(null);
    return;
  }
  Sentry.setUser({ id: principal.sub, roles: [...principal.roles] });
  Sentry.setTag("roles", principal.roles.join(",") || "none");
}
