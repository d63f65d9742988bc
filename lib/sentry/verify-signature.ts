import { createHmac, timingSafeEqual } from "node:crypto";

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
