// Sift renders text that strangers control (error messages, tags, user fields from webhooks), so
// the browser is told to run only Sift's own scripts and to keep the pages out of other sites'
// frames. Pages get a per-request nonce from proxy.ts; API answers are JSON and may load nothing.

/** Origins the pages may talk to besides their own: the IdP, Sift's own Sentry ingest. */
export type PageCspSources = {
  connect: readonly string[];
  frame: readonly string[];
  /** Where browsers report violations (Sentry's security endpoint); null: not reported. */
  reportUri: string | null;
};

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const { origin } = new URL(value);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Sentry's CSP report endpoint for a DSN (`https://key@host/path/project`), or null when the DSN
 * does not parse: https://docs.sentry.io/platforms/javascript/security-policy-reporting/.
 */
export function sentryCspReportUri(dsn: string | undefined, environment?: string): string | null {
  if (!dsn) return null;
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return null;
  }
  const parts = url.pathname.split("/").filter(Boolean);
  const project = parts.pop();
  if (!url.username || !project) return null;
  const path = parts.length ? `/${parts.join("/")}` : "";
  const query = new URLSearchParams({ sentry_key: url.username });
  if (environment) query.set("sentry_environment", environment);
  return `${url.protocol}//${url.host}${path}/api/${project}/security/?${query}`;
}

/**
 * The pages' outside origins from settings: the OIDC issuer (oidc-client-ts fetches its discovery
 * document and token endpoint, and silent renew frames its authorize endpoint), the browser
 * Sentry DSN's host (the SDK posts envelopes there) and any extra origins an IdP needs (Google's
 * token endpoint is on oauth2.googleapis.com, not the issuer's host).
 */
export function pageCspSources(settings: {
  oidcIssuer?: string;
  browserSentryDsn?: string;
  extraConnect?: readonly string[];
  reportUri?: string | null;
}): PageCspSources {
  const issuer = originOf(settings.oidcIssuer);
  const sentry = originOf(settings.browserSentryDsn);
  const extra = (settings.extraConnect ?? []).map((o) => originOf(o)).filter((o) => o !== null);
  const own = (list: (string | null)[]) => [...new Set(list.filter((o) => o !== null))];
  return {
    connect: own([issuer, sentry, ...extra]),
    frame: own([issuer]),
    reportUri: settings.reportUri ?? null,
  };
}

/**
 * The Content-Security-Policy of a page. Scripts run only with this request's nonce ('strict-dynamic'
 * lets them load Next's chunks); no 'unsafe-inline' for scripts, and 'unsafe-eval' only in
 * development, where React rebuilds server error stacks with eval. <style> elements need the nonce
 * too; style attributes are allowed (style-src-attr), because React style props (chart bars) and
 * Next's built-in error pages render them, and an attribute can run no script and load nothing
 * that img-src/font-src do not allow. Dev allows inline styles for Turbopack's hot reload.
 * `framedBySelf`: the OIDC callback page, which silent renew loads in an iframe of Sift itself.
 */
export function pageContentSecurityPolicy(options: {
  nonce: string;
  dev: boolean;
  sources: PageCspSources;
  framedBySelf?: boolean;
}): string {
  const { nonce, dev, sources } = options;
  const list = (...items: readonly string[]) => items.join(" ");
  const directives = [
    "default-src 'self'",
    `script-src ${list("'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : []))}`,
    `style-src ${dev ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${list("'self'", ...sources.connect, ...(dev ? ["ws:", "wss:"] : []))}`,
    `frame-src ${list("'self'", ...sources.frame)}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${options.framedBySelf ? "'self'" : "'none'"}`,
  ];
  if (sources.reportUri) directives.push(`report-uri ${sources.reportUri}`);
  return directives.join("; ");
}

/** API answers are data, never documents: they may load, run or be framed by nothing. */
export const apiContentSecurityPolicy =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers for every answer, pages and API alike. HSTS only in production: on a developer's
 * http://localhost it would pin the name to https for a year.
 */
export function commonSecurityHeaders(options: { production: boolean }): [string, string][] {
  return [
    ["X-Content-Type-Options", "nosniff"],
    // Sift's URLs name issues and tenants; links out (Sentry, pull requests) need not learn them.
    ["Referrer-Policy", "no-referrer"],
    [
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()",
    ],
    ...(options.production
      ? [["Strict-Transport-Security", "max-age=31536000; includeSubDomains"] as [string, string]]
      : []),
  ];
}

/** Framing for a page (X-Frame-Options for browsers that predate frame-ancestors). */
export function frameOptions(framedBySelf: boolean): string {
  return framedBySelf ? "SAMEORIGIN" : "DENY";
}
