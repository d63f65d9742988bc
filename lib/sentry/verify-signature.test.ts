import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./verify-signature";

// Python's json.dumps escapes non-ASCII, so the signed bytes differ from a JS re-serialisation.
const body = '{"action":"created","data":{"title":"caf\\u00e9 \\u2603"},"n":1463071692.0}';

describe("verifySignature", () => {
  it("accepts Sentry's hex HMAC-SHA256 over the exact bytes", () => {
    const signature = createHmac("sha256", "secret").update(body, "utf8").digest("hex");
    expect(signBody(body, "secret")).toBe(signature);
    expect(verifySignature(body, signature, "secret")).toBe(true);
    expect(verifySignature(body, signature.toUpperCase(), "secret")).toBe(true);
  });

  it("refuses a re-serialised body, another secret, a missing or malformed signature", () => {
    const signature = signBody(body, "secret");
    expect(verifySignature(JSON.stringify(JSON.parse(body)), signature, "secret")).toBe(false);
    expect(verifySignature(body, signature, "other")).toBe(false);
    expect(verifySignature(body, null, "secret")).toBe(false);
    expect(verifySignature(body, `sha256=${signature}`, "secret")).toBe(false);
    expect(verifySignature(body, signature.slice(0, 63), "secret")).toBe(false);
  });
});
