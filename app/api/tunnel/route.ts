import { env } from "@/lib/env";
import { clientEnv } from "@/lib/env.client";
import { ApiError, withErrors } from "@/lib/http/api-error";
import { readRawBytes } from "@/lib/http/read-raw-body";
import { ownSentryDsns } from "@/lib/observability/browser-sentry-config";
import { tunnelTarget } from "@/lib/observability/sentry-tunnel";

export const dynamic = "force-dynamic";

// Browser envelopes are errors and spans, well under Sentry's 1 MB event limit; no replays here.
const maxEnvelopeBytes = 1024 * 1024;

// Sentry's answers the browser SDK acts on: rate limits make it back off instead of retrying.
const passedOnHeaders = ["content-type", "retry-after", "x-sentry-rate-limits"];

// POST /api/tunnel – the browser SDK's envelopes, forwarded to Sift's own Sentry project only.
export const POST = withErrors(async (req: Request) => {
  const own = ownSentryDsns({ ...env, ...clientEnv });
  if (own.length === 0) throw new ApiError("not_found", "Self-monitoring is off: SENTRY_DSN is not set.");
  const body = await readRawBytes(req, maxEnvelopeBytes);
  // The header line is JSON text whatever the items are; only it is read.
  const newline = body.indexOf(0x0a);
  const target = tunnelTarget(body.subarray(0, newline === -1 ? body.length : newline).toString("utf8"), own);
  if (!target.ok) throw new ApiError("bad_request", target.reason);

  let upstream: Response;
  try {
    // No client address, cookies or authorization go on: Sentry gets the envelope and nothing else.
    upstream = await fetch(target.url, {
      method: "POST",
      body: new Uint8Array(body),
      headers: { "content-type": "application/x-sentry-envelope" },
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new ApiError("bad_gateway", `Sentry could not be reached: ${(error as Error).message}`);
  }
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of passedOnHeaders) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers });
});
