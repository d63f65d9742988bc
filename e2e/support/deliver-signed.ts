import type { APIRequestContext, APIResponse } from "@playwright/test";
import { sentryHeaders } from "@/test/sentry-webhook";
import { e2eSecrets } from "./ports";

/**
 * Posts `body` to the webhook as Sentry would, signed with the e2e servers' secret. Sent as bytes,
 * because Playwright would re-encode a string (and the signature covers the exact bytes).
 */
export function deliverSigned(
  request: APIRequestContext,
  resource: string,
  body: string,
): Promise<APIResponse> {
  return request.post("/api/webhooks/sentry", {
    data: Buffer.from(body),
    headers: sentryHeaders(resource, body, e2eSecrets.webhook),
  });
}
