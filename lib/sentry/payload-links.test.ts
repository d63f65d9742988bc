import { describe, expect, it } from "vitest";
import { defaultSentryHosts, httpUrlOrNull, sentryHostsFrom, sentryUrlOrNull } from "./payload-links";

const hostile = [
  "javascript:alert(document.domain)//",
  "JavaScript:alert(1)",
  " javascript:alert(1)",
  "java\nscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "//evil.example/issues/1/",
  "/issues/1/",
  "not a url",
  "",
];

describe("httpUrlOrNull", () => {
  it.each(hostile)("refuses %j", (value) => {
    expect(httpUrlOrNull(value)).toBeNull();
  });

  it("keeps http and https URLs on any host", () => {
    expect(httpUrlOrNull("https://github.com/acme/api/pull/7")).toBe("https://github.com/acme/api/pull/7");
    expect(httpUrlOrNull("http://git.internal:8080/pr/1")).toBe("http://git.internal:8080/pr/1");
  });

  it("stores the URL as the browser would read it", () => {
    expect(httpUrlOrNull("HTTPS://GitHub.com/a b")).toBe("https://github.com/a%20b");
  });

  it("refuses credentials, which make a URL read as one host and go to another", () => {
    expect(httpUrlOrNull("https://sentry.io@evil.example/")).toBeNull();
    expect(httpUrlOrNull("https://user:pw@github.com/")).toBeNull();
  });

  it("refuses missing values and absurdly long ones", () => {
    expect(httpUrlOrNull(null)).toBeNull();
    expect(httpUrlOrNull(undefined)).toBeNull();
    expect(httpUrlOrNull(`https://github.com/${"a".repeat(3000)}`)).toBeNull();
  });
});

describe("sentryUrlOrNull", () => {
  it.each(hostile)("refuses %j", (value) => {
    expect(sentryUrlOrNull(value, defaultSentryHosts)).toBeNull();
  });

  it("keeps links on sentry.io and its subdomains", () => {
    for (const url of [
      "https://sentry.io/organizations/acme/issues/1/",
      "https://acme.sentry.io/issues/1/",
      "https://us.sentry.io/organizations/acme/alerts/1/",
    ]) {
      expect(sentryUrlOrNull(url, defaultSentryHosts)).toBe(url);
    }
  });

  it("refuses other hosts, including look-alikes", () => {
    for (const url of [
      "https://evil.example/issues/1/",
      "https://sentry.io.evil.example/issues/1/",
      "https://evilsentry.io/issues/1/",
      "https://sentry.io@evil.example/issues/1/",
    ]) {
      expect(sentryUrlOrNull(url, defaultSentryHosts)).toBeNull();
    }
  });

  it("follows the configured hosts", () => {
    const hosts = ["sentry.acme.internal"];
    expect(sentryUrlOrNull("https://sentry.acme.internal:9000/organizations/acme/issues/1/", hosts)).toBe(
      "https://sentry.acme.internal:9000/organizations/acme/issues/1/",
    );
    expect(sentryUrlOrNull("https://acme.sentry.io/issues/1/", hosts)).toBeNull();
  });
});

describe("sentryHostsFrom", () => {
  it("is sentry.io plus the API host when no web address is configured", () => {
    expect(sentryHostsFrom({ apiUrl: "https://sentry.io" })).toEqual(["sentry.io"]);
    expect(sentryHostsFrom({ apiUrl: "https://de.sentry.io" })).toEqual(["sentry.io", "de.sentry.io"]);
    expect(sentryHostsFrom({ apiUrl: "https://sentry.acme.internal/" })).toEqual([
      "sentry.io",
      "sentry.acme.internal",
    ]);
    expect(sentryHostsFrom({})).toEqual(["sentry.io"]);
  });

  it("is only the configured web address when SENTRY_URL is set", () => {
    expect(
      sentryHostsFrom({ sentryUrl: "https://Sentry.Acme.Internal:9000", apiUrl: "https://sentry.io" }),
    ).toEqual(["sentry.acme.internal"]);
  });
});
