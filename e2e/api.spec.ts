import { expect, test } from "@playwright/test";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { issueDetailResponse } from "@/lib/contracts/issues";
import { errorCreatedBody, readFixture, sentryHeaders } from "@/test/sentry-webhook";
import { machineToken } from "@/test/tokens";
import { deliverSigned } from "./support/deliver-signed";
import { e2ePorts, e2eSecrets } from "./support/ports";

const issuer = `http://localhost:${e2ePorts.idp}`;

async function forgedToken(iss: string): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = await exportJWK(publicKey);
  return new SignJWT({ roles: ["admin"] })
    .setProtectedHeader({ alg: "RS256", kid: jwk.kid ?? "forged" })
    .setIssuer(iss)
    .setAudience("sift-api")
    .setSubject("mallory")
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);
}

test.describe("API behind OIDC", () => {
  test("refuses a request without a token, a forged token and a token from another issuer", async ({
    request,
  }) => {
    const none = await request.get("/api/issues");
    expect(none.status()).toBe(401);
    expect((await none.json()).error.code).toBe("unauthorized");
    for (const token of [await forgedToken(issuer), await forgedToken("http://localhost:4999")]) {
      const res = await request.get("/api/issues", { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status()).toBe(401);
    }
    const ok = await request.get("/api/issues", {
      headers: { Authorization: `Bearer ${await machineToken(issuer)}` },
    });
    expect(ok.status()).toBe(200);
  });

  test("health needs no token", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      database: expect.any(String),
      jobs: { queued: expect.any(Number), running: expect.any(Number), failed: expect.any(Number) },
      sentryPoll: { syncedUntil: null },
    });
  });
});

test.describe("Sentry webhook", () => {
  test("stores a signed delivery once, analyses it, and serves it from the API", async ({ request }) => {
    const token = await machineToken(issuer);
    const delivery = errorCreatedBody({ user: { id: "u-9", tenant_id: "globex" } });
    const first = await deliverSigned(request, "error", delivery.body);
    expect(first.status()).toBe(202);
    // A Sentry retry: same payload, new Request-ID, timestamp and signature computation.
    const retry = await deliverSigned(request, "error", delivery.body);
    expect(retry.status()).toBe(200);
    expect(await retry.json()).toMatchObject({ duplicate: true });

    await expect
      .poll(
        async () => {
          const res = await request.get(`/api/issues/${delivery.issueId}`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          return res.ok() ? (await res.json()).analysis?.owner?.owner : `status ${res.status()}`;
        },
        { timeout: 10_000 },
      )
      .toBe("#frontend");
    const detail = await (
      await request.get(`/api/issues/${delivery.issueId}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json();
    expect(detail.events).toHaveLength(1);
    expect(detail.analysis.blastRadius).toMatchObject({ users: 1, tenants: 1 });
    // The analysis shown is current: no job pending or failed.
    expect(detail.analysisJob).toBeNull();
    expect(issueDetailResponse.safeParse(detail).error).toBeUndefined();
    const list = await (
      await request.get("/api/issues?limit=100", { headers: { Authorization: `Bearer ${token}` } })
    ).json();
    expect(list.items.find((i: { id: string }) => i.id === delivery.issueId)).toMatchObject({
      tenantCount: 1,
      owner: "#frontend",
    });
  });

  test("refuses a wrong or missing signature and malformed JSON, storing nothing", async ({ request }) => {
    const token = await machineToken(issuer);
    const delivery = errorCreatedBody();
    const wrong = await request.post("/api/webhooks/sentry", {
      data: delivery.body,
      headers: sentryHeaders("error", delivery.body, "not-the-secret"),
    });
    expect(wrong.status()).toBe(401);
    expect((await wrong.json()).error.code).toBe("invalid_signature");
    const { "Sentry-Hook-Signature": _, ...unsigned } = sentryHeaders(
      "error",
      delivery.body,
      e2eSecrets.webhook,
    );
    expect(
      (await request.post("/api/webhooks/sentry", { data: delivery.body, headers: unsigned })).status(),
    ).toBe(401);
    const broken = `${delivery.body.slice(0, -1)},`;
    // A Buffer, because Playwright re-encodes a string that is not valid JSON.
    const malformed = await request.post("/api/webhooks/sentry", {
      data: Buffer.from(broken),
      headers: sentryHeaders("error", broken, e2eSecrets.webhook),
    });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/JSON/);
    const missing = await request.get(`/api/issues/${delivery.issueId}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(missing.status()).toBe(404);
  });

  test("stores a delivery whose text PostgreSQL cannot hold, cleaned, instead of failing it", async ({
    request,
  }) => {
    const token = await machineToken(issuer);
    const delivery = errorCreatedBody({
      title: "Crash in \u0000binary\ud800 data",
      user: { id: "u-\u0000" },
    });
    const res = await deliverSigned(request, "error", delivery.body);
    expect(res.status()).toBe(202);
    // The worker stores the event right after the answer.
    await expect
      .poll(async () => {
        const issue = await request.get(`/api/issues/${delivery.issueId}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return issue.ok() ? (await issue.json()).issue.title : `status ${issue.status()}`;
      })
      .toBe("Crash in \ufffdbinary\ufffd data");
  });

  test("answers odd list queries with 400 and a reason, never 500", async ({ request }) => {
    const headers = { Authorization: `Bearer ${await machineToken(issuer)}` };
    const forged = Buffer.from("lastSeen|+275760-09-13T00:00:00.000Z|1").toString("base64url");
    for (const query of [
      "q=%00",
      "project=a%00b",
      "limit=0",
      "limit=abc",
      "status=nope",
      "priority=P5",
      "priority=p0",
      `cursor=${forged}`,
    ]) {
      const res = await request.get(`/api/issues?${query}`, { headers });
      expect(res.status(), query).toBe(400);
      expect((await res.json()).error.message, query).toEqual(expect.any(String));
    }
    expect((await request.get("/api/issues/not-a-number", { headers })).status()).toBe(400);
  });

  test("answers on the trailing-slash path without a redirect", async ({ request }) => {
    const delivery = errorCreatedBody();
    const res = await request.post("/api/webhooks/sentry/", {
      data: delivery.body,
      headers: sentryHeaders("error", delivery.body, e2eSecrets.webhook),
      maxRedirects: 0,
    });
    expect(res.status()).toBe(202);
  });

  test("records resources it does not know with a 2xx, and stores comments", async ({ request }) => {
    const unknown = JSON.stringify({ action: "completed", data: { id: Date.now() } });
    const recorded = await deliverSigned(request, "size_analysis", unknown);
    expect(recorded.status()).toBe(202);
    expect(await recorded.json()).toMatchObject({ outcome: "recorded" });
    const comment = JSON.parse(readFixture("webhook-comment-created.json"));
    comment.data.comment_id = Date.now();
    const res = await deliverSigned(request, "comment", JSON.stringify(comment));
    expect(res.status()).toBe(202);
    expect(await res.json()).toMatchObject({ outcome: "ingested" });
  });
});
