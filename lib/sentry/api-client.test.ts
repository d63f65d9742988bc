import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { createSentryApiClient } from "./api-client";
import { SentryApiError, SentryRateLimitError } from "./api-errors";

const latestEvent = JSON.parse(
  readFileSync(
    path.resolve(process.cwd(), "../shared/sentry/fixtures/api-examples/get-issue-event.json"),
    "utf8",
  ),
);
const token = "sift-test-token";
const issueId = "1341191803";

describe("createSentryApiClient against a stand-in Sentry", () => {
  let server: SentryApiServer;
  beforeAll(async () => {
    server = await startSentryApiServer({ token, org: "acme", events: { [issueId]: latestEvent } });
  });
  afterAll(() => server.close());
  const client = (overrides: { token?: string } = {}) =>
    createSentryApiClient({ baseUrl: `${server.url}/`, token: overrides.token ?? token, org: "acme" });

  it("GETs the issue's latest event on the documented path with a Bearer token and parses it", async () => {
    const event = await client().getLatestEvent(issueId);
    expect(event?.eventID).toBe("9999aaaaca8b46d797c23c6077c6ff01");
    expect(event?.entries.map((e) => e.type)).toEqual(["exception", "other", "request"]);
    expect(server.requests.at(-1)).toEqual({
      method: "GET",
      path: `/api/0/organizations/acme/issues/${issueId}/events/latest/`,
      auth: `Bearer ${token}`,
      query: "",
    });
  });

  it("returns null when Sentry does not know the issue (404)", async () => {
    expect(await client().getLatestEvent("404404")).toBeNull();
  });

  it("throws SentryApiError with the status and Sentry's detail on 401", async () => {
    const error = await client({ token: "wrong" })
      .getLatestEvent(issueId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryApiError);
    expect(error).not.toBeInstanceOf(SentryRateLimitError);
    expect(error).toMatchObject({ status: 401, body: '{"detail":"Invalid token"}' });
  });
});

const issueTemplate = JSON.parse(
  readFileSync(path.resolve(process.cwd(), "../shared/sentry/fixtures/api-examples/get-issue.json"), "utf8"),
);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe("listIssuesSeenSince against a stand-in Sentry", () => {
  // 230 issues seen over the last 230 minutes, newest first, and one whose shape is broken.
  const issues = [
    ...Array.from({ length: 230 }, (_, i) => ({
      ...issueTemplate,
      id: String(5000 + i),
      lastSeen: minutesAgo(i + 1),
    })),
    { id: "broken", lastSeen: minutesAgo(0.5) },
  ];
  let server: SentryApiServer;
  beforeAll(async () => {
    server = await startSentryApiServer({ token, org: "acme", events: {}, issues });
  });
  afterAll(() => server.close());

  it("asks for every status seen after the given time, newest first, and follows the Link cursor", async () => {
    const client = createSentryApiClient({ baseUrl: server.url, token, org: "acme" });
    const since = new Date(Date.now() - 300 * 60_000);
    const seen: string[] = [];
    let skipped = 0;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listIssuesSeenSince(since, cursor);
      seen.push(...page.issues.map((i) => i.id));
      skipped += page.skipped;
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(230);
    expect(new Set(seen).size).toBe(230);
    expect(seen[0]).toBe("5000");
    expect(skipped).toBe(1);
    const first = new URLSearchParams(server.requests[0]?.query);
    expect(first.get("query")).toBe(`lastSeen:>${since.toISOString()}`);
    expect(first.get("sort")).toBe("date");
    expect(server.requests[0]?.path).toBe("/api/0/organizations/acme/issues/");
    expect(new URLSearchParams(server.requests[1]?.query).get("cursor")).toBe("0:100:0");
  });

  it("returns only what was seen after the time, and no cursor on the last page", async () => {
    const client = createSentryApiClient({ baseUrl: server.url, token, org: "acme" });
    const page = await client.listIssuesSeenSince(new Date(Date.now() - 10.5 * 60_000));
    expect(page.issues.map((i) => i.id)).toEqual(Array.from({ length: 10 }, (_, i) => String(5000 + i)));
    expect(page.nextCursor).toBeNull();
  });
});

describe("createSentryApiClient rate limits", () => {
  it("turns a 429 into SentryRateLimitError retrying at X-Sentry-Rate-Limit-Reset, then succeeds", async () => {
    const server = await startSentryApiServer({
      token,
      events: { [issueId]: latestEvent },
      rateLimitOnce: true,
      rateLimitResetSeconds: 42,
    });
    try {
      const client = createSentryApiClient({ baseUrl: server.url, token, org: "acme" });
      const error = await client.getLatestEvent(issueId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SentryRateLimitError);
      const limited = error as SentryRateLimitError;
      expect(limited.status).toBe(429);
      expect(server.rateLimitReset).not.toBeNull();
      expect(limited.retryAt.getTime()).toBe((server.rateLimitReset ?? 0) * 1000);
      // The body is a JSON string, shown unquoted.
      expect(limited.body).toMatch(/^You are attempting to use this endpoint too frequently/);
      expect((await client.getLatestEvent(issueId))?.eventID).toBe(latestEvent.eventID);
    } finally {
      await server.close();
    }
  });

  it("waits 60 s when a 429 carries no reset header", async () => {
    const now = new Date("2025-01-01T00:00:00Z");
    const client = createSentryApiClient({
      baseUrl: "https://sentry.invalid",
      token,
      org: "acme",
      now: () => now,
      fetch: async () => new Response('"slow down"', { status: 429 }),
    });
    const error = await client.getLatestEvent(issueId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryRateLimitError);
    expect((error as SentryRateLimitError).retryAt.toISOString()).toBe("2025-01-01T00:01:00.000Z");
  });

  it("gives up on a hung connection after the timeout", async () => {
    const client = createSentryApiClient({
      baseUrl: "https://sentry.invalid",
      token,
      org: "acme",
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
    });
    await expect(client.getLatestEvent(issueId)).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
