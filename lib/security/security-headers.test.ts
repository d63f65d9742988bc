import { describe, expect, it } from "vitest";
import {
  apiContentSecurityPolicy,
  commonSecurityHeaders,
  pageContentSecurityPolicy,
  pageCspSources,
  sentryCspReportUri,
} from "./security-headers";

const directives = (policy: string) =>
  new Map(
    policy.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

const sources = pageCspSources({
  oidcIssuer: "https://idp.example.com/realms/acme",
  browserSentryDsn: "https://abc@o1.ingest.sentry.io/42",
});

describe("pageContentSecurityPolicy", () => {
  const production = directives(pageContentSecurityPolicy({ nonce: "n0nce", dev: false, sources }));

  it("runs only scripts carrying this request's nonce, never inline or eval in production", () => {
    expect(production.get("script-src")).toEqual(["'self'", "'nonce-n0nce'", "'strict-dynamic'"]);
    expect(production.get("style-src")).toEqual(["'self'", "'nonce-n0nce'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("base-uri")).toEqual(["'none'"]);
  });

  it("lets the pages reach the IdP and Sift's own Sentry, and nothing else", () => {
    expect(production.get("connect-src")).toEqual([
      "'self'",
      "https://idp.example.com",
      "https://o1.ingest.sentry.io",
    ]);
    expect(production.get("frame-src")).toEqual(["'self'", "https://idp.example.com"]);
  });

  it("is framed by no one, except the OIDC callback by Sift itself", () => {
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    const callback = pageContentSecurityPolicy({ nonce: "n", dev: false, sources, framedBySelf: true });
    expect(directives(callback).get("frame-ancestors")).toEqual(["'self'"]);
  });

  it("adds eval and inline styles in development only", () => {
    const dev = directives(pageContentSecurityPolicy({ nonce: "n", dev: true, sources }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
    expect(production.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("reports violations where told", () => {
    const reportUri = "https://o1.ingest.sentry.io/api/42/security/?sentry_key=abc";
    const policy = pageContentSecurityPolicy({ nonce: "n", dev: false, sources: { ...sources, reportUri } });
    expect(directives(policy).get("report-uri")).toEqual([reportUri]);
    expect(production.has("report-uri")).toBe(false);
  });
});

describe("pageCspSources", () => {
  it("keeps origins only, once each, and drops what does not parse", () => {
    const s = pageCspSources({
      oidcIssuer: "http://localhost:4000",
      extraConnect: ["https://oauth2.googleapis.com/token", "http://localhost:4000/x", "not a url"],
    });
    expect(s.connect).toEqual(["http://localhost:4000", "https://oauth2.googleapis.com"]);
    expect(s.frame).toEqual(["http://localhost:4000"]);
  });

  it("is empty without an issuer or DSN", () => {
    expect(pageCspSources({})).toEqual({ connect: [], frame: [], reportUri: null });
  });
});

describe("sentryCspReportUri", () => {
  it("is Sentry's security endpoint for the DSN's project and key", () => {
    expect(sentryCspReportUri("https://abc@o1.ingest.sentry.io/42", "prod")).toBe(
      "https://o1.ingest.sentry.io/api/42/security/?sentry_key=abc&sentry_environment=prod",
    );
    expect(sentryCspReportUri("http://key@127.0.0.1:9000/sentry/7")).toBe(
      "http://127.0.0.1:9000/sentry/api/7/security/?sentry_key=key",
    );
  });

  it("is null without a usable DSN", () => {
    expect(sentryCspReportUri(undefined)).toBeNull();
    expect(sentryCspReportUri("not a dsn")).toBeNull();
    expect(sentryCspReportUri("https://o1.ingest.sentry.io/42")).toBeNull();
  });
});

describe("API and common headers", () => {
  it("lets API answers load, run and be framed by nothing", () => {
    expect(directives(apiContentSecurityPolicy).get("default-src")).toEqual(["'none'"]);
    expect(directives(apiContentSecurityPolicy).get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("sends HSTS in production only", () => {
    const names = (production: boolean) => commonSecurityHeaders({ production }).map(([name]) => name);
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(names(false)).not.toContain("Strict-Transport-Security");
    expect(new Map(commonSecurityHeaders({ production: false })).get("X-Content-Type-Options")).toBe(
      "nosniff",
    );
  });
});
