import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Sentry's `Sentry-Hook-Signature`: lowercase hex HMAC-SHA256 of the exact body, keyed with the client secret. */
export function signBody(rawBody: string | Uint8Array, clientSecret: string): string {
  return createHmac("sha256", clientSecret).update(rawBody).digest("hex");
}

export function verifySignature(
  rawBody: string | Uint8Array,
  signature: string | null,
  clientSecret: string,
): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature.trim())) return false;
  const expected = Buffer.from(signBody(rawBody, clientSecret), "hex");
  const given = Buffer.from(signature.trim(), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The headers Sentry sends with a webhook (https://docs.sentry.io/organization/integrations/integration-platform/webhooks/):
 * a fresh Request-ID, the resource, the time and the signature of `rawBody`. For whatever posts
 * deliveries as Sentry would: the demo data, `npm run sentry:replay` and the tests.
 */
export function signedWebhookHeaders(
  resource: string,
  rawBody: string,
  clientSecret: string,
  userAgent = "sentry/sift (https://sentry.io)",
): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "Request-ID": randomBytes(16).toString("hex"),
    "Sentry-Hook-Resource": resource,
    "Sentry-Hook-Timestamp": String(Math.floor(Date.now() / 1000)),
    "Sentry-Hook-Signature": signBody(rawBody, clientSecret),
    "User-Agent": userAgent,
  };
}
