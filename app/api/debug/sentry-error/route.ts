import { env } from "@/lib/env";

// Never prerender: the point is to throw at request time so onRequestError reports it.
export const dynamic = "force-dynamic";

// GET /api/debug/sentry-error – throws on purpose to prove self-monitoring reaches Sentry
export function GET(): Response {
  if (!env.SIFT_ENABLE_DEBUG_ROUTES) {
    return Response.json({ error: { code: "not_found", message: "Not found" } }, { status: 404 });
  }
  // Not caught here: instrumentation.ts's onRequestError (Sentry.captureRequestError) captures and flushes it.
  throw new Error("Sift self-monitoring test error");
}
