import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError, withErrors } from "@/lib/http/api-error";
import { readRawBody } from "@/lib/http/read-raw-body";
import { ingestWebhook } from "@/lib/ingest/ingest-webhook";
import { deliverySettingsFromEnv } from "@/lib/sentry/delivery-settings";
import { verifySignature } from "@/lib/sentry/verify-signature";

export const dynamic = "force-dynamic";

const deliverySettings = deliverySettingsFromEnv();

const statusByOutcome = { ingested: 202, recorded: 202, ignored: 200, duplicate: 200 } as const;

// Verify → parse → validate → commit → answer: 2xx only after the commit. An event's delivery is
// committed with its store job, grouped with the deliveries arriving alongside it (group-commit.ts);
// the worker stores the event (store-delivery-job.ts). Other resources commit in one transaction.
export const POST = withErrors(async (req: Request) => {
  if (!env.SENTRY_CLIENT_SECRET)
    throw new ApiError("not_configured", "SENTRY_CLIENT_SECRET is not set on this server.");
  const resource = req.headers.get("sentry-hook-resource");
  if (!resource) throw new ApiError("bad_request", "Missing Sentry-Hook-Resource header.");
  const rawBody = await readRawBody(req, env.WEBHOOK_MAX_BYTES);
  if (!verifySignature(rawBody, req.headers.get("sentry-hook-signature"), env.SENTRY_CLIENT_SECRET)) {
    throw new ApiError("invalid_signature", "Sentry-Hook-Signature does not match the body.");
  }
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch (error) {
    throw new ApiError("bad_request", `Body is not valid JSON: ${(error as Error).message}`);
  }
  const result = await ingestWebhook(
    await getDb(),
    { resource, requestId: req.headers.get("request-id"), rawBody, payload },
    { ...deliverySettings, receivedAt: new Date() },
  );
  return Response.json(
    { ok: true, ...result, duplicate: result.outcome === "duplicate" },
    { status: statusByOutcome[result.outcome] },
  );
});
