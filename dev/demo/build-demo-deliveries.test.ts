import path from "node:path";
import { describe, expect, it } from "vitest";
import { webhookResources } from "@/lib/ingest/resources/index";
import { buildDemoDeliveries } from "./build-demo-deliveries";

const fixturesDir = path.resolve(
  import.meta.dirname,
  "../..",
  process.env.SIFT_FIXTURES_DIR || "../shared/sentry/fixtures",
);
const now = new Date("2026-03-10T12:00:00Z");

type ErrorBody = {
  data: {
    error: {
      event_id: string;
      issue_id: string;
      project: number;
      url: string;
      timestamp: number;
      datetime: string;
      title: string;
      tags: [string, string][];
      user: { id: string; email: string; tenant_id: string; roles: string[] };
      contexts: { trace: { trace_id: string } };
      "sentry.interfaces.Exception"?: unknown;
    };
  };
};

const deliveries = buildDemoDeliveries(fixturesDir, { now });
const errors = deliveries.filter((d) => d.resource === "error").map((d) => JSON.parse(d.body) as ErrorBody);
const events = errors.map((e) => e.data.error);

describe("buildDemoDeliveries", () => {
  it("builds about forty events over ten issues, each announced by issue.created first", () => {
    expect(events.length).toBeGreaterThanOrEqual(35);
    const issueIds = new Set(events.map((e) => e.issue_id));
    expect(issueIds.size).toBe(10);
    const announced = deliveries
      .filter((d) => d.resource === "issue" && JSON.parse(d.body).action === "created")
      .map((d) => JSON.parse(d.body).data.issue.id);
    expect(new Set(announced)).toEqual(issueIds);
    for (const id of issueIds) {
      const firstIssue = deliveries.findIndex(
        (d) => d.resource === "issue" && d.body.includes(`"id":"${id}"`),
      );
      const firstError = deliveries.findIndex(
        (d) => d.resource === "error" && d.body.includes(`"issue_id":"${id}"`),
      );
      expect(firstIssue).toBeLessThan(firstError);
    }
  });

  it("produces bodies the webhook endpoint's own schemas accept", () => {
    for (const delivery of deliveries) {
      const schema = webhookResources[delivery.resource]?.schema;
      if (!schema) throw new Error(`no webhook resource "${delivery.resource}"`);
      expect(schema.safeParse(JSON.parse(delivery.body)).success).toBe(true);
      // Sentry's Python serialiser is compact and ASCII-only.
      expect(delivery.body).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it("uses unique 32-hex event ids and only modern interface keys", () => {
    const ids = events.map((e) => e.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const delivery of deliveries) expect(delivery.body).not.toContain("sentry.interfaces.");
  });

  it("spreads events over the hours before now (the settled past issues over last week), in order", () => {
    const times = events.map((e) => e.timestamp * 1000);
    expect(Math.max(...times)).toBeLessThan(now.getTime());
    const settled = new Set(["6120000109", "6120000110"]);
    const current = events.filter((e) => !settled.has(e.issue_id)).map((e) => e.timestamp * 1000);
    expect(Math.min(...current)).toBeGreaterThan(now.getTime() - 48 * 3_600_000);
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 14 * 24 * 3_600_000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const e of events) expect(Date.parse(e.datetime)).toBe(Math.round(e.timestamp * 1000));
  });

  it("covers at least five projects and four tenants, with users and roles", () => {
    const slugs = new Set(events.map((e) => e.url.match(/\/projects\/acme\/([^/]+)\/events\//)?.[1]));
    expect(slugs.size).toBeGreaterThanOrEqual(5);
    expect(new Set(events.map((e) => e.project)).size).toBe(slugs.size);
    const tenants = new Set(events.map((e) => Object.fromEntries(e.tags).tenant_id));
    expect(tenants.size).toBeGreaterThanOrEqual(4);
    for (const e of events) {
      expect(e.user.tenant_id).toBe(Object.fromEntries(e.tags).tenant_id);
      expect(e.user.roles.length).toBeGreaterThan(0);
    }
  });

  it("gives the backend 5xx and the frontend error it caused the same trace ids", () => {
    const traceIdsOf = (slug: string) =>
      new Set(events.filter((e) => e.url.includes(`/${slug}/events/`)).map((e) => e.contexts.trace.trace_id));
    const backend = traceIdsOf("billing-api");
    const frontend = traceIdsOf("web-frontend");
    expect(backend.size).toBeGreaterThan(1);
    expect([...frontend].filter((id) => backend.has(id))).toHaveLength(frontend.size);
    const other = traceIdsOf("ingest-worker");
    expect([...other].some((id) => backend.has(id))).toBe(false);
  });

  it("has the past issues assigned to their team after their last event, then resolved in a release", () => {
    const actions = deliveries
      .filter((d) => d.resource === "issue")
      .map((d) => JSON.parse(d.body))
      .filter((b) => b.data.issue.id === "6120000109");
    expect(actions.map((b) => b.action)).toEqual(["created", "assigned", "resolved"]);
    const [, assigned, resolved] = actions;
    expect(assigned.data.assignee).toEqual({ type: "team", id: "4505301", name: "database" });
    expect(resolved.data.issue).toMatchObject({
      status: "resolved",
      statusDetails: { inRelease: "reports@1.8.1" },
      assignedTo: { type: "team", name: "database" },
    });
    expect(resolved.data.issue.url).toBeUndefined();
    const lastEvent = Math.max(...events.filter((e) => e.issue_id === "6120000109").map((e) => e.timestamp));
    const position = (action: string) =>
      deliveries.findIndex(
        (d) => d.body.includes(`"action":"${action}"`) && d.body.includes('"id":"6120000109"'),
      );
    const lastEventPosition = deliveries.findLastIndex((d) => d.body.includes('"issue_id":"6120000109"'));
    expect(position("assigned")).toBeGreaterThan(lastEventPosition);
    expect(Date.parse(resolved.data.issue.lastSeen)).toBe(Math.round(lastEvent * 1000));
  });

  it("is deterministic for the same now", () => {
    expect(buildDemoDeliveries(fixturesDir, { now: new Date(now) })).toEqual(deliveries);
  });
});
