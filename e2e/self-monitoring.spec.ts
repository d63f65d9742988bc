import { expect, test } from "@playwright/test";
import { type EnvelopeSink, hasErrorEvent, startEnvelopeSink } from "@/test/envelope-sink";
import { type RunningServer, startNextServer } from "@/test/next-server";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { readFixture, sentryHeaders, uniqueIssueId } from "@/test/sentry-webhook";
import { e2ePorts, e2eSecrets } from "./support/ports";

// A second instance of the production build whose Sentry DSN points at a local envelope sink:
// the real @sentry/nextjs SDK must deliver a route handler's thrown error, and a failed worker
// job, there. It has its own embedded database and worker, and reads events from a stand-in
// Sentry API that is down (500), so every analysis it runs fails.
let sink: EnvelopeSink;
let server: RunningServer;
let sentryApi: SentryApiServer;

test.beforeAll(async () => {
  sink = await startEnvelopeSink();
  sentryApi = await startSentryApiServer({ token: "e2e-token", events: {}, failWith: 500 });
  server = await startNextServer(e2ePorts.app + 1, {
    SENTRY_DSN: sink.dsn,
    SENTRY_ENVIRONMENT: "e2e",
    SIFT_ENABLE_DEBUG_ROUTES: "1",
    SIFT_WORKER: "1",
    SIFT_DATA_DIR: "memory://",
    SENTRY_API_URL: sentryApi.url,
    SENTRY_API_TOKEN: "e2e-token",
    SENTRY_ORG: "acme",
    SIFT_SENTRY_POLL_SECONDS: "0",
    OIDC_ISSUER: `http://localhost:${e2ePorts.idp}`,
    SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
  });
});

test.afterAll(async () => {
  await server?.stop();
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

test("the debug route does not exist unless enabled", async ({ request }) => {
  const res = await request.get("/api/debug/sentry-error");
  expect(res.status()).toBe(404);
});
