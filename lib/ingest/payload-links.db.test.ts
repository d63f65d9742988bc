import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { issues, metricAlerts, seerRuns } from "@/lib/db/schema";
import { sentryIssue } from "@/lib/sentry/webhook-payload";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { errorDelivery, ingestAndStore, ingestOptions } from "@/test/ingest-deliveries";
import { storeIssue } from "./store-issue";

// A signed payload is still hostile input: the links Sift renders from it are checked here, at
// ingest, as a sender who holds the secret would try them.
// biome-ignore lint/suspicious/noExplicitAny: real fixtures, edited in place one field at a time
type Json = Record<string, any>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(`${fixturesDir}/webhooks/${name}`, "utf8").replace(/,(\s*[}\]])/g, "$1"));
const delivery = (resource: string, payload: Json) => ({
  resource,
  requestId: null,
  rawBody: JSON.stringify(payload),
  payload,
});
const hostileLink = "javascript:alert(document.domain)//";

let seen = Date.parse("2026-01-01T00:00:00Z");
function issueCreated(id: string, links: { permalink?: string | null; web_url?: string | null }): Json {
  const payload = fixture("webhook-issue-created.json");
  // A later lastSeen each time, so a second delivery about one issue is news, not a retry.
  seen += 60_000;
  Object.assign(payload.data.issue, { id, lastSeen: new Date(seen).toISOString() }, links);
  return payload;
}

describeOnEachDatabase("links from payloads are checked when stored", (db) => {
  const deliver = (resource: string, payload: Json, options = ingestOptions) =>
    ingestAndStore(db(), delivery(resource, payload), options);
  const permalinkOf = async (id: string) =>
    (await db().select({ permalink: issues.permalink }).from(issues).where(eq(issues.id, id)))[0]?.permalink;

  it("stores a javascript: permalink as no link", async () => {
    const result = await deliver("issue", issueCreated("900001", { permalink: hostileLink }));
    expect(result.outcome).toBe("ingested");
    expect(await permalinkOf("900001")).toBeNull();
  });

  it("keeps Sentry links, drops links to other hosts, and falls back to a safe web_url", async () => {
    await deliver("issue", issueCreated("900002", { permalink: "https://acme.sentry.io/issues/900002/" }));
    await deliver("issue", issueCreated("900003", { permalink: "https://sentry.io.evil.example/issues/1/" }));
    await deliver(
      "issue",
      issueCreated("900004", {
        permalink: hostileLink,
        web_url: "https://sentry.io/organizations/acme/issues/900004/",
      }),
    );
    expect(await permalinkOf("900002")).toBe("https://acme.sentry.io/issues/900002/");
    expect(await permalinkOf("900003")).toBeNull();
    expect(await permalinkOf("900004")).toBe("https://sentry.io/organizations/acme/issues/900004/");
  });

  it("follows the configured Sentry hosts", async () => {
    const selfHosted = { ...ingestOptions, sentryHosts: ["sentry.acme.internal"] };
    await deliver(
      "issue",
      issueCreated("900005", { permalink: "https://sentry.acme.internal/organizations/acme/issues/900005/" }),
      selfHosted,
    );
    await deliver(
      "issue",
      issueCreated("900006", { permalink: "https://acme.sentry.io/issues/900006/" }),
      selfHosted,
    );
    expect(await permalinkOf("900005")).toBe(
      "https://sentry.acme.internal/organizations/acme/issues/900005/",
    );
    expect(await permalinkOf("900006")).toBeNull();
  });

  it("a hostile delivery never replaces a good link, and a good one replaces none", async () => {
    await deliver("issue", issueCreated("900007", { permalink: "https://acme.sentry.io/issues/900007/" }));
    await deliver("issue", issueCreated("900007", { permalink: hostileLink }));
    expect(await permalinkOf("900007")).toBe("https://acme.sentry.io/issues/900007/");
  });

  it("checks the issue link taken from an error event, on the one-statement path too", async () => {
    const result = await deliver(
      "error",
      errorDelivery((p) => {
        p.data.error.web_url = `${hostileLink}/events/bb78c1407cea4519aa397afc059c793d/`;
      }).payload,
    );
    expect(result.outcome).toBe("ingested");
    expect(await permalinkOf("1170820242")).toBeNull();
  });

  it("checks the issue link taken from an event_alert's event", async () => {
    const payload = fixture("webhook-event_alert-triggered.json");
    payload.data.event.web_url =
      "https://evil.example/organizations/x/issues/1117540176/events/e4874d664c3540c1a32eab185f12c5ab/";
    expect((await deliver("event_alert", payload)).outcome).toBe("ingested");
    expect(await permalinkOf("1117540176")).toBeNull();
  });

  it("checks a polled issue's permalink against the same hosts", async () => {
    const polled = sentryIssue.parse({
      ...issueCreated("900008", { permalink: hostileLink }).data.issue,
      web_url: "https://acme.sentry.io/issues/900008/",
    });
    await storeIssue(db(), polled, { sentryHosts: ["sentry.io"] });
    expect(await permalinkOf("900008")).toBe("https://acme.sentry.io/issues/900008/");
  });

  it("stores a metric alert's page only on the Sentry host", async () => {
    const payload = fixture("webhook-metric_alert-resolved.json");
    payload.data.web_url = hostileLink;
    await deliver("metric_alert", payload);
    expect((await db().select({ webUrl: metricAlerts.webUrl }).from(metricAlerts))[0]?.webUrl).toBeNull();
  });

  it("keeps a Seer pull request's details but not a javascript: URL", async () => {
    const payload = fixture("webhook-seer-pr_created.json");
    payload.data.pull_requests[0].pull_request.pr_url = hostileLink;
    await deliver("seer", payload);
    const [run] = await db().select({ pullRequests: seerRuns.pullRequests }).from(seerRuns);
    expect(run?.pullRequests).toEqual([{ url: null, number: 123, repo: "my-app", provider: "github" }]);
  });
});
