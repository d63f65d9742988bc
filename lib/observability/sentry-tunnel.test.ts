import { describe, expect, it } from "vitest";
import { tunnelTarget } from "./sentry-tunnel";

const own = "https://abc123@o42.ingest.sentry.io/4501";
const envelope = (header: unknown) => `${JSON.stringify(header)}\n{"type":"event"}\n{}`;

describe("tunnelTarget", () => {
  it("forwards an envelope for Sift's own project to that project's ingest URL", () => {
    const target = tunnelTarget(envelope({ dsn: own, event_id: "e" }), [own]);
    expect(target).toEqual({ ok: true, url: new URL("https://o42.ingest.sentry.io/api/4501/envelope/") });
  });

  it("keeps a self-hosted Sentry's path prefix and port", () => {
    const selfHosted = "http://key@sentry.internal:9000/sentry/7";
    const target = tunnelTarget(envelope({ dsn: "http://otherkey@sentry.internal:9000/sentry/7" }), [
      selfHosted,
    ]);
    expect(target).toEqual({ ok: true, url: new URL("http://sentry.internal:9000/sentry/api/7/envelope/") });
  });

  it.each([
    ["another host", "https://abc123@evil.example/4501"],
    ["another project on the same host", "https://abc123@o42.ingest.sentry.io/4502"],
    ["another port", "https://abc123@o42.ingest.sentry.io:8443/4501"],
    ["another scheme", "http://abc123@o42.ingest.sentry.io/4501"],
    ["a path prefix", "https://abc123@o42.ingest.sentry.io/x/4501"],
    ["a non-http scheme", "file://abc123@localhost/4501"],
    ["no public key", "https://o42.ingest.sentry.io/4501"],
  ])("refuses %s", (_, dsn) => {
    expect(tunnelTarget(envelope({ dsn }), [own]).ok).toBe(false);
  });

  it("refuses bodies that are not envelopes, or name no DSN", () => {
    expect(tunnelTarget("{not json", [own]).ok).toBe(false);
    expect(tunnelTarget(envelope({ event_id: "e" }), [own]).ok).toBe(false);
    expect(tunnelTarget(envelope({ dsn: 42 }), [own]).ok).toBe(false);
    expect(tunnelTarget("null\n", [own]).ok).toBe(false);
  });

  it("refuses everything when self-monitoring is off", () => {
    expect(tunnelTarget(envelope({ dsn: own }), []).ok).toBe(false);
  });
});
