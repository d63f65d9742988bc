/** Where a tunnelled envelope goes, or why it may not go anywhere. */
export type TunnelTarget = { ok: true; url: URL } | { ok: false; reason: string };

type ParsedDsn = { origin: string; pathPrefix: string; projectId: string };

// {protocol}://{public_key}@{host}{path}/{project_id}, as the SDKs read it.
function parseDsn(dsn: string): ParsedDsn | null {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return null;
  }
  const match = /^(.*)\/(\d+)\/?$/.exec(url.pathname);
  if (!match || !url.username || !["http:", "https:"].includes(url.protocol)) return null;
  return { origin: url.origin, pathPrefix: match[1] ?? "", projectId: match[2] ?? "" };
}

/**
 * The ingest URL for an envelope sent to Sift's tunnel route, read from the DSN in the envelope's
 * first line. Only Sift's own project(s) qualify: same origin, path and project id as one of
 * `allowedDsns`. Anything else is refused, so the route cannot be used to post to arbitrary hosts
 * (server-side request forgery) or to fill somebody else's Sentry project from Sift's address.
 */
export function tunnelTarget(envelope: string, allowedDsns: readonly string[]): TunnelTarget {
  const newline = envelope.indexOf("\n");
  const headerLine = newline === -1 ? envelope : envelope.slice(0, newline);
  let header: unknown;
  try {
    header = JSON.parse(headerLine);
  } catch {
    return { ok: false, reason: "The body is not a Sentry envelope: its first line is not JSON." };
  }
  const dsn = (header as { dsn?: unknown } | null)?.dsn;
  if (typeof dsn !== "string") return { ok: false, reason: "The envelope header names no DSN." };
  const wanted = parseDsn(dsn);
  if (!wanted) return { ok: false, reason: "The envelope's DSN is not a valid Sentry DSN." };

  const allowed = allowedDsns
    .map(parseDsn)
    .some(
      (own) =>
        own !== null &&
        own.origin === wanted.origin &&
        own.pathPrefix === wanted.pathPrefix &&
        own.projectId === wanted.projectId,
    );
  if (!allowed) return { ok: false, reason: "The envelope's DSN is not this Sift's own Sentry project." };
  return { ok: true, url: new URL(`${wanted.origin}${wanted.pathPrefix}/api/${wanted.projectId}/envelope/`) };
}
