import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { nodeRoute } from "@/lib/http/node-route";
import { readNodeBody } from "@/lib/http/read-raw-body";
import { ingestWebhook } from "@/lib/ingest/ingest-webhook";
import { deliverySettingsFromEnv } from "@/lib/sentry/delivery-settings";
import { verifySignature } from "@/lib/sentry/verify-signature";

// Sentry's deliveries are Sift's hot path: this is a Pages Router API route, on Node's own request
// and response, because the App Router's handler wrapped each delivery in web streams and request
// scopes that cost more than verifying, validating and committing it (docs/benchmarks.md,
// "Webhook throughput"). It reads its own body: the signature is over the exact bytes.
export const config = { api: { bodyParser: false } };

const deliverySettings = deliverySettingsFromEnv();

const statusByOutcome = { ingested: 202, recorded: 202, ignored: 200, duplicate: 200 } as const;

const header = (value: string | string[] | undefined) => (typeof value === "string" ? value : null);

// Verify → parse → validate → commit → answer: 2xx only after the commit. An event's delivery is
// committed with its store job, grouped with the deliveries arriving alongside it (group-commit.ts);
// the worker stores the event (store-delivery-job.ts). Other resources commit in one transaction.
export default nodeRoute("POST", async (req) => {
  if (!env.SENTRY_CLIENT_SECRET)
    throw new ApiError("not_configured", "SENTRY_CLIENT_SECRET is not set on this server.");
  const resource = header(req.headers["sentry-hook-resource"]);
  if (!resource) throw new ApiError("bad_request", "Missing Sentry-Hook-Resource header.");
  const bytes = await readNodeBody(req, env.WEBHOOK_MAX_BYTES);
  if (!verifySignature(bytes, header(req.headers["sentry-hook-signature"]), env.SENTRY_CLIENT_SECRET)) {
    throw new ApiError("invalid_signature", "Sentry-Hook-Signature does not match the body.");
  }
  const rawBody = bytes.toString("utf8");
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch (error) {
    throw new ApiError("bad_request", `Body is not valid JSON: ${(error as Error).message}`);
  }
  const result = await ingestWebhook(
    await getDb(),
    { resource, requestId: header(req.headers["request-id"]), rawBody, payload },
    { ...deliverySettings, receivedAt: new Date() },
  );
  return {
    status: statusByOutcome[result.outcome],
    headers: {},
    body: { ok: true, ...result, duplicate: result.outcome === "duplicate" },
  };
});
