import { expect, test } from "@playwright/test";
import { seededAccounts } from "@/dev/idp/accounts";
import { type RunningIdp, startIdp } from "@/dev/idp/start-idp";
import { type Envelope, type EnvelopeSink, hasErrorEvent, startEnvelopeSink } from "@/test/envelope-sink";
import { type RunningServer, startNextServer } from "@/test/next-server";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { readFixture, sentryHeaders, uniqueIssueId } from "@/test/sentry-webhook";
import { signIn } from "./pages/sign-in";
import { e2ePorts, e2eSecrets } from "./support/ports";

// A second instance of the production build whose Sentry DSN points at a local envelope sink:
// the real @sentry/nextjs SDK must deliver a route handler's thrown error, and a failed worker
// job, there. It has its own embedded database and worker, and reads events from a stand-in
// Sentry API that is down (500), so every analysis it runs fails. Its browser pages get the DSN
// from the server at request time (no NEXT_PUBLIC_SENTRY_DSN in the build) and report through
// Sift's tunnel route; it signs in at an IdP of its own, which knows its origin. Every request is
// traced, so untraced routes show by their absence.
let sink: EnvelopeSink;
let server: RunningServer;
let sentryApi: SentryApiServer;
let idp: RunningIdp;

test.beforeAll(async () => {
  sink = await startEnvelopeSink();
  sentryApi = await startSentryApiServer({ token: "e2e-token", events: {}, failWith: 500 });
  const origin = `http://localhost:${e2ePorts.app + 1}`;
  idp = await startIdp({
    port: 0,
    redirectUris: [`${origin}/auth/callback`],
    postLogoutRedirectUris: [`${origin}/auth/signed-out`],
  });
  server = await startNextServer(e2ePorts.app + 1, {
    SENTRY_DSN: sink.dsn,
    SENTRY_ENVIRONMENT: "e2e",
    SENTRY_TRACES_SAMPLE_RATE: "1",
    SIFT_ENABLE_DEBUG_ROUTES: "1",
    SIFT_WORKER: "1",
    SIFT_DATA_DIR: "memory://",
    SENTRY_API_URL: sentryApi.url,
    SENTRY_API_TOKEN: "e2e-token",
    SENTRY_ORG: "acme",
    SIFT_SENTRY_POLL_SECONDS: "0",
    OIDC_ISSUER: idp.issuer,
    SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await idp?.close();
  await sentryApi?.close();
  await sink?.close();
});

test("a thrown route error reaches Sift's own Sentry project", async ({ request }) => {
  const res = await request.get(`${server.url}/api/debug/sentry-error`);
  expect(res.status()).toBe(500);
  const envelope = await sink.waitFor((e) => hasErrorEvent(e, "Sift self-monitoring test error"), 15_000);
  const event = envelope.items.find((i) => i.type === "event")?.payload as {
    environment?: string;
    request?: { headers?: Record<string, string>; cookies?: unknown };
    user?: { ip_address?: string };
  };
  expect(event.environment).toBe("e2e");
  expect(event.user?.ip_address).toBeUndefined();
  expect(event.request?.cookies).toBeUndefined();
});

test("a failed worker job reaches Sift's own Sentry project, tagged with its kind", async ({ request }) => {
  const payload = JSON.parse(readFixture("webhook-issue-created.json"));
  payload.data.issue.id = uniqueIssueId();
  const body = JSON.stringify(payload);
  const res = await request.post(`${server.url}/api/webhooks/sentry`, {
    data: body,
    headers: sentryHeaders("issue", body, e2eSecrets.webhook),
  });
  expect(res.status()).toBe(202);
  const envelope = await sink.waitFor((e) => hasErrorEvent(e, "Sentry API answered 500"), 15_000);
  const event = envelope.items.find((i) => i.type === "event")?.payload as {
    tags?: Record<string, string>;
    contexts?: { job?: { subjectId?: string } };
  };
  expect(event.tags?.["job.kind"]).toBe("analyse_issue");
  expect(event.contexts?.job?.subjectId).toBe(payload.data.issue.id);
  expect(
    sentryApi.requests.some((r) => r.path.endsWith(`/issues/${payload.data.issue.id}/events/latest/`)),
  ).toBe(true);
});

const spanItems = (envelope: Envelope) =>
  envelope.items.filter((item) => item.type === "span" || item.type === "transaction");

test("a browser error reaches Sift's own project through the tunnel, naming the engineer by sub and roles only", async ({
  browser,
}) => {
  const bob = seededAccounts.find((account) => account.login === "bob");
  if (!bob) throw new Error("bob is not a seeded account");
  const context = await browser.newContext({
    baseURL: server.url,
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  const sentFrom = { tunnel: 0, sentryHost: 0 };
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.port === String(sink.port)) sentFrom.sentryHost += 1;
    if (url.origin === server.url && url.pathname === "/api/tunnel") sentFrom.tunnel += 1;
  });
  try {
    await signIn(page, "bob");
    const token = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("oidc.user:"));
      return key ? (JSON.parse(localStorage.getItem(key) ?? "{}").access_token as string) : null;
    });
    expect(token).toBeTruthy();

    const message = `Sift browser self-monitoring test error ${Date.now()}`;
    await page.evaluate((text) => {
      setTimeout(() => {
        throw new Error(text);
      }, 0);
    }, message);
    const envelope = await sink.waitFor((e) => hasErrorEvent(e, message), 20_000);

    // It came through the tunnel: posted by Sift's server (no browser Origin), never to Sentry's host.
    expect(sentFrom.tunnel).toBeGreaterThan(0);
    expect(sentFrom.sentryHost).toBe(0);
    expect(envelope.headers?.origin).toBeUndefined();
    expect(envelope.headers?.cookie).toBeUndefined();
    expect(envelope.headers?.authorization).toBeUndefined();

    const event = envelope.items.find((item) => item.type === "event")?.payload as {
      user?: Record<string, unknown>;
      request?: { headers?: Record<string, string> };
    };
    expect(event.user).toEqual({ id: bob.sub, roles: bob.roles });
    const headerNames = Object.keys(event.request?.headers ?? {}).map((name) => name.toLowerCase());
    expect(headerNames).not.toContain("cookie");
    expect(headerNames).not.toContain("authorization");
    const raw = envelope.items.map((item) => item.raw.toString("utf8")).join("\n");
    expect(raw).not.toContain(bob.email);
    expect(raw).not.toContain(token as string);
    expect(raw).not.toMatch(/"(cookie|authorization)"\s*:/i);
  } finally {
    await context.close();
  }
});

test("health probes and the tunnel are not traced; other routes are", async ({ request }) => {
  for (let i = 0; i < 3; i += 1) {
    expect((await request.get(`${server.url}/api/health`)).status()).toBe(200);
    expect((await request.get(`${server.url}/api/health/live`)).status()).toBe(200);
  }
  await request.post(`${server.url}/api/tunnel`, { data: "{not an envelope" });
  expect((await request.get(`${server.url}/api/issues`)).status()).toBe(401);

  const mentions = (e: Envelope, path: RegExp) =>
    spanItems(e).some((item) => path.test(item.raw.toString("utf8")));
  // Tracing is on: the issue-list request arrives as spans...
  await sink.waitFor((e) => mentions(e, /\/api\/issues/), 30_000);
  // ...and the probes, sent earlier (startNextServer polled /api/health too), never do.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const traced = sink.envelopes().filter((e) => mentions(e, /\/api\/(health|tunnel)/));
  expect(traced.map((e) => spanItems(e).map((item) => item.raw.toString("utf8").slice(0, 300)))).toEqual([]);
});

test("the debug route does not exist unless enabled", async ({ request }) => {
  const res = await request.get("/api/debug/sentry-error");
  expect(res.status()).toBe(404);
});
