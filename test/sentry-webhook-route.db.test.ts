import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signedWebhookHeaders } from "@/lib/sentry/verify-signature";
import { storeQueuedDeliveries } from "@/test/ingest-deliveries";

// The webhook route (pages/api/webhooks/sentry.ts) end to end on the PostgreSQL server, served over
// real HTTP with Node's request and response as Next serves a Pages Router API route: what Sentry
// can really send, signed, must end in a precise 4xx or a stored delivery, never a 500.
const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean the route answers these on a real server.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
const secret = "route-test-secret";
const appId = "sift-route-test-app";
const maxBytes = 1_000_000;
Object.assign(process.env, {
  DATABASE_URL: url,
  SENTRY_CLIENT_SECRET: secret,
  SENTRY_APP_ID: appId,
  WEBHOOK_MAX_BYTES: String(maxBytes),
});

const { default: route } = await import("@/pages/api/webhooks/sentry");
const { getConnection, getDb } = await import("@/lib/db/client");

const fixtures = process.env.SIFT_FIXTURES_DIR ?? path.resolve(process.cwd(), "../shared/sentry/fixtures");
const readFixture = (name: string) => readFileSync(path.join(fixtures, "webhooks", name), "utf8");

const server = http.createServer((req, res) => void route(req, res));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/sentry`;

const post = (resource: string, body: string) =>
  fetch(endpoint, { method: "POST", headers: signedWebhookHeaders(resource, body, secret), body });

/** A chunked body (no Content-Length) of `size` bytes, so its size is known only by reading it. */
const chunkedBody = (size: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < size; sent += 64_000)
        controller.enqueue(new Uint8Array(Math.min(64_000, size - sent)).fill(32));
      controller.close();
    },
  });

// Read back with a client of its own: route code reaches the database only through lib/db.
const admin = new pg.Client({ connectionString: url });
const query = async (text: string) => (await admin.query(text)).rows;
const count = async (table: string) =>
  (await query(`select count(*)::int as n from ${table}`))[0].n as number;

describe("POST /api/webhooks/sentry with what Sentry can send", () => {
  beforeAll(async () => {
    await getDb(); // runs the migrations
    await admin.connect();
  });
  beforeEach(async () => {
    await query(
      "truncate deliveries, issues, projects, events, jobs, issue_comments, seer_runs, alert_triggers, metric_alerts, issue_users, issue_tenants, issue_identities cascade",
    );
  });
  afterAll(async () => {
    await admin.end();
    await new Promise((resolve) => server.close(resolve));
    await (await getConnection()).close();
  });

  it.each([
    "webhook-seer-solution_completed.VERBATIM-INVALID-JSON.txt",
    "webhook-seer-coding_completed.VERBATIM-INVALID-JSON.txt",
  ])("refuses Sentry's own invalid JSON in %s with a 400 naming the fault, storing nothing", async (name) => {
    const res = await post("seer", readFixture(name));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/^Body is not valid JSON: .*(JSON|position|token)/i);
    expect(await count("deliveries")).toBe(0);
    expect(await count("seer_runs")).toBe(0);
  });

  it("refuses an absurd Sentry-Hook-Resource with a 400", async () => {
    const res = await post(randomBytes(3000).toString("hex"), readFixture("webhook-issue-created.json"));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Sentry-Hook-Resource/);
    expect(await count("deliveries")).toBe(0);
  });

  it("refuses JSON nested 100,000 levels with a 400 saying so, storing nothing", async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    const body = `{"action":"created","installation":null,"data":{"x":${deep}}}`;
    const res = await post("size_analysis", body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/nested deeper than 512 levels/);
    expect(await count("deliveries")).toBe(0);
  });

  it("stores an event whose user id is 4 kB of random text (202)", async () => {
    const payload = JSON.parse(readFixture("webhook-error-created.json"));
    payload.data.error.user = {
      id: randomBytes(3000).toString("base64"),
      tenant_id: randomBytes(3000).toString("base64"),
    };
    const res = await post("error", JSON.stringify(payload));
    expect(res.status).toBe(202);
    await storeQueuedDeliveries(await getDb());
    expect(await count("issue_users")).toBe(1);
  });

  it("stores Sift's own comment, marked, and answers it as ignored with a 200 and no job", async () => {
    const payload = JSON.parse(readFixture("webhook-comment-created.json"));
    payload.actor = { type: "application", id: appId, name: "Sift" };
    const res = await post("comment", JSON.stringify(payload));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "ignored" });
    const rows = await query("select own, text from issue_comments");
    expect(rows).toEqual([{ own: true, text: "adding a comment" }]);
    expect(await count("jobs")).toBe(0);
  });

  it("refuses a declared Content-Length over WEBHOOK_MAX_BYTES with a 413 before reading the body", async () => {
    const res = await post("error", " ".repeat(maxBytes + 1));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(await count("deliveries")).toBe(0);
  });

  it("refuses a chunked body once it passes WEBHOOK_MAX_BYTES with a 413, and serves the next delivery", async () => {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "Sentry-Hook-Resource": "error", "Sentry-Hook-Signature": "0".repeat(64) },
      body: chunkedBody(3 * maxBytes),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe(`Body exceeds ${maxBytes} bytes.`);
    expect((await post("issue", readFixture("webhook-issue-created.json"))).status).toBe(202);
    expect(await count("deliveries")).toBe(1);
  });

  it("answers another method with a 405 naming POST", async () => {
    const res = await fetch(endpoint);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect((await res.json()).error.code).toBe("method_not_allowed");
  });
});
