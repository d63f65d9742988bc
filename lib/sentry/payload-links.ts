// A signed webhook proves who sent it, not that its links are safe: Sift renders some of them as
// hrefs, where a `javascript:` URL would run in the engineer's session and a look-alike host would
// phish them. So links are checked when stored and an unfit one is stored as null (no link).

/** Sentry's hosts when none is configured: sentry.io and its subdomains (org.sentry.io, us.sentry.io). */
export const defaultSentryHosts: readonly string[] = ["sentry.io"];

// Longer than any Sentry or pull-request URL; a page of text in an href is not a link.
const MAX_LINK_LENGTH = 2048;

function parseHttpUrl(value: string | null | undefined): URL | null {
  if (!value || value.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // https://sentry.io@evil.example reads as Sentry to a person and goes to evil.example.
  if (url.username || url.password) return null;
  return url;
}

/** An absolute http(s) URL, normalised as the browser would read it; anything else is null. */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  return parseHttpUrl(value)?.href ?? null;
}

/** `host` is one of `hosts` or a subdomain of one (compared without port). */
function isOnHost(host: string, hosts: readonly string[]): boolean {
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/**
 * A link that claims to lead into Sentry (an issue's permalink, a metric alert's page): an http(s)
 * URL on one of `hosts` or their subdomains, else null.
 */
export function sentryUrlOrNull(value: string | null | undefined, hosts: readonly string[]): string | null {
  const url = parseHttpUrl(value);
  return url && isOnHost(url.hostname, hosts) ? url.href : null;
}

function hostOf(value: string): string | null {
  try {
    return new URL(value).hostname || null;
  } catch {
    return null;
  }
}

/**
 * The hosts Sentry links may point to: the configured Sentry web address (SENTRY_URL) when set;
 * else sentry.io plus the API's host, so a self-hosted Sentry's own links keep working.
 */
export function sentryHostsFrom(settings: { sentryUrl?: string; apiUrl?: string }): string[] {
  const configured = settings.sentryUrl ? hostOf(settings.sentryUrl) : null;
  if (configured) return [configured];
  const api = settings.apiUrl ? hostOf(settings.apiUrl) : null;
  return [...new Set([...defaultSentryHosts, ...(api ? [api] : [])])];
}
