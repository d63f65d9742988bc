import { expect, test } from "@playwright/test";
import { type EnvelopeSink, hasErrorEvent, startEnvelopeSink } from "./support/envelope-sink";
import { type RunningServer, startNextServer } from "./support/next-server";
import { e2ePorts, e2eSecrets } from "./support/ports";

// A second instance of the production build whose Sentry DSN points at a local envelope sink:
// the real @sentry/nextjs SDK must deliver a route handler's thrown error there.
let sink: EnvelopeSink;
let server: RunningServer;

test.beforeAll(async () => {
  sink = await startEnvelopeSink();
  server = await startNextServer(e2ePorts.app + 1, {
    SENTRY_DSN: sink.dsn,
    SENTRY_ENVIRONMENT: "e2e",
    SIFT_ENABLE_DEBUG_ROUTES: "1",
    SIFT_WORKER: "0",
    OIDC_ISSUER: `http://localhost:${e2ePorts.idp}`,
    SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
    ...(process.env.E2E_DATABASE_URL
      ? { DATABASE_URL: process.env.E2E_DATABASE_URL }
      : { SIFT_DATA_DIR: "memory://" }),
  });
});

test.afterAll(async () => {
  await server?.stop();
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

test("the debug route does not exist unless enabled", async ({ request }) => {
  const res = await request.get("/api/debug/sentry-error");
  expect(res.status()).toBe(404);
});
