import { describe, expect, it } from "vitest";
import { clientSentryOptions, isUntracedPath, sentryTunnelPath, serverSentryOptions } from "./sentry";

const sample = (path: string, name = "GET") => {
  const sampler = serverSentryOptions({
    SENTRY_DSN: "http://k@127.0.0.1:1/1",
    SENTRY_TRACES_SAMPLE_RATE: "1",
  }).tracesSampler;
  return sampler?.({
    name,
    attributes: { "url.path": path },
    inheritOrSampleWith: (fallback: number) => fallback,
  });
};

describe("Sift's own tracing", () => {
  it("never samples health probes or the tunnel", () => {
    for (const path of ["/api/health", "/api/health/live", "/api/health/", "/api/tunnel"]) {
      expect(isUntracedPath(path), path).toBe(true);
      expect(sample(path), path).toBe(0);
    }
  });

  it("samples other routes at the configured rate", () => {
    for (const path of ["/api/issues", "/issues", "/api/healthy", "/api/tunnels"])
      expect(sample(path), path).toBe(1);
  });

  it("reads the path from a static-lifecycle span name when there is no url.path", () => {
    const sampler = serverSentryOptions({ SENTRY_DSN: "http://k@127.0.0.1:1/1" }).tracesSampler;
    expect(sampler?.({ name: "GET /api/health/live", attributes: {}, inheritOrSampleWith: () => 1 })).toBe(0);
  });

  it("sends the browser's reports through the tunnel route", () => {
    expect(clientSentryOptions({ dsn: "https://k@o1.ingest.sentry.io/2" }).tunnel).toBe(sentryTunnelPath);
  });
});

describe("Sift's own Sentry settings", () => {
  it("traces 10% unless told otherwise, and reads the rate from a string", () => {
    const rateOf = (rate?: string) =>
      serverSentryOptions({
        SENTRY_DSN: "http://k@127.0.0.1:1/1",
        SENTRY_TRACES_SAMPLE_RATE: rate,
      }).tracesSampler?.({
        name: "GET /api/issues",
        attributes: {},
        inheritOrSampleWith: (fallback: number) => fallback,
      });
    expect(rateOf(undefined)).toBe(0.1);
    expect(rateOf("  ")).toBe(0.1);
    expect(rateOf("0.25")).toBe(0.25);
    expect(rateOf("0")).toBe(0);
  });

  it("refuses a rate outside 0–1 or not a number", () => {
    for (const rate of ["2", "-0.1", "often"])
      expect(() => serverSentryOptions({ SENTRY_TRACES_SAMPLE_RATE: rate }), rate).toThrow(/0 to 1/);
  });

  it("leaves blank settings unset, so the SDK's own defaults apply", () => {
    const options = serverSentryOptions({ SENTRY_DSN: " ", SENTRY_ENVIRONMENT: "", SENTRY_RELEASE: " r1 " });
    expect(options.dsn).toBeUndefined();
    expect(options.enabled).toBe(false);
    expect(options.environment).toBeUndefined();
    expect(options.release).toBe("r1");
  });
});
