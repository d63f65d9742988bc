import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Connection, connect } from "@/lib/db/connect";
import { EXCHANGE_GRANT_JOB, getInstallation, recordInstallation } from "@/lib/db/queries/installations";
import { deliveries, jobs, sentryInstallations } from "@/lib/db/schema";
import { createJobRegistry } from "@/lib/jobs/job-registry";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { exchangeGrantJob } from "./exchange-grant-job";
import {
  getInstallationToken,
  type InstallationSettings,
  InstallationUnavailableError,
} from "./installation-tokens";
import { decryptSecret, parseEncryptionKey } from "./token-cipher";

const installedFixture = () =>
  JSON.parse(readFileSync(`${fixturesDir}/webhooks/webhook-installation-created.json`, "utf8"));
const uuid = "a8e5d37a-696c-4c54-adb5-b3f28d64c7de";
const code = "f3c71b491e3949b6b033ae45312a4fcb";
const keyring = [parseEncryptionKey(randomBytes(32).toString("base64"))] as const;
const ingestOptions = { tenantKeys: [], rolesKeys: [], appId: null, receivedAt: new Date() };

/** As if the stored token were about to expire: a minute left, inside the refresh margin. */
const nearExpiry = (database: Connection["db"]) =>
  database
    .update(sentryInstallations)
    .set({ tokenExpiresAt: sql`now() + interval '1 minute'` })
    .where(eq(sentryInstallations.uuid, uuid));

const slowFetch: typeof fetch = async (input, init) => {
  // Holds the refresh open long enough for the other refresher to reach the row lock.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return fetch(input, init);
};

const delivery = (payload: unknown) => ({
  resource: "installation",
  requestId: randomUUID().replaceAll("-", ""),
  rawBody: JSON.stringify(payload),
  payload,
});

function settingsFor(
  sentry: SentryApiServer,
  overrides: Partial<InstallationSettings> = {},
): InstallationSettings {
  return {
    api: { baseUrl: sentry.url },
    credentials: { clientId: "sift-client-id", clientSecret: "sift-client-secret" },
    keyring,
    ...overrides,
  };
}

const authorizations = (sentry: SentryApiServer) =>
  sentry.requests.filter((r) => r.path.endsWith("/authorizations/"));

describeOnEachDatabase("public integration installations", (db) => {
  let sentry: SentryApiServer;
  beforeEach(async () => {
    sentry = await startSentryApiServer({
      token: "internal-token",
      events: {},
      installations: [{ uuid, org: "test-org", code }],
    });
  });
  afterEach(async () => {
    expect(sentry.mismatches).toEqual([]);
    await sentry.close();
  });

  async function install(settings = settingsFor(sentry)) {
    expect(await ingestAndStore(db(), delivery(installedFixture()), ingestOptions)).toMatchObject({
      outcome: "ingested",
    });
    return runDueJobs(db(), createJobRegistry([exchangeGrantJob(settings)]));
  }

  it("installation.created: the code is exchanged once and the tokens are stored sealed, never in plaintext", async () => {
    expect(await install()).toBe(1);
    expect(authorizations(sentry).map((r) => r.body)).toEqual([
      {
        grant_type: "authorization_code",
        code,
        client_id: "sift-client-id",
        client_secret: "sift-client-secret",
      },
    ]);
    const [pair] = sentry.issued;
    const row = await getInstallation(db(), uuid);
    expect(row).toMatchObject({ orgSlug: "test-org", appSlug: "webhooks-galore", status: "installed" });
    expect(row?.grantCode).toBeNull();
    expect(row?.tokenExpiresAt?.getTime()).toBe(pair?.expiresAt);
    const stored = JSON.stringify(await db().select().from(sentryInstallations));
    expect(stored).not.toContain(pair?.token);
    expect(stored).not.toContain(pair?.refreshToken);
    expect(stored).not.toContain(code);
    expect(row?.tokenCiphertext).toMatch(/^sift1:[0-9a-f]{8}:/);
    expect(decryptSecret(keyring, row?.tokenCiphertext ?? "", `sentry_installation:${uuid}:token`)).toBe(
      pair?.token,
    );
    // The audit copy of the delivery does not keep the grant code either.
    const [recorded] = await db().select().from(deliveries);
    expect(JSON.stringify(recorded?.body)).not.toContain(code);
    expect(await getInstallationToken(db(), uuid, settingsFor(sentry))).toBe(pair?.token);
    expect(authorizations(sentry)).toHaveLength(1);
  });

  it("a replayed installation.created does not exchange the code again", async () => {
    await install();
    // Sentry's retry (new Request-ID) is a duplicate; a code recorded again is refused by the row.
    expect(await ingestAndStore(db(), delivery(installedFixture()), ingestOptions)).toMatchObject({
      outcome: "duplicate",
    });
    const again = { uuid, orgSlug: "test-org", orgId: null, appSlug: null, status: "pending" as const };
    expect(await recordInstallation(db(), { ...again, grantCode: code })).toBe(false);
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(0);
    expect(await runDueJobs(db(), createJobRegistry([exchangeGrantJob(settingsFor(sentry))]))).toBe(0);
    expect(authorizations(sentry)).toHaveLength(1);
    expect((await getInstallation(db(), uuid))?.grantCode).toBeNull();
  });

  it("a code Sentry refuses is cleared and the job fails with Sentry's answer", async () => {
    const payload = installedFixture();
    payload.data.installation.code = "0".repeat(32);
    await ingestAndStore(db(), delivery(payload), ingestOptions);
    await runDueJobs(db(), createJobRegistry([exchangeGrantJob(settingsFor(sentry))]));
    const [job] = await db().select().from(jobs).where(eq(jobs.kind, EXCHANGE_GRANT_JOB));
    expect(job?.lastError).toMatch(/401.*Invalid grant code/);
    expect(await getInstallation(db(), uuid)).toMatchObject({ grantCode: null, tokenCiphertext: null });
  });

  it("without a usable configuration the exchange job fails with the reason and calls nothing", async () => {
    await ingestAndStore(db(), delivery(installedFixture()), ingestOptions);
    const reason = "Sentry public integration is off: SIFT_ENCRYPTION_KEY is not set";
    await runDueJobs(db(), createJobRegistry([exchangeGrantJob({ error: reason })]));
    const [job] = await db().select().from(jobs).where(eq(jobs.kind, EXCHANGE_GRANT_JOB));
    expect(job?.lastError).toContain(reason);
    expect(sentry.requests).toEqual([]);
  });

  it("refreshes a token close to its expiry once, and the old pair stops working", async () => {
    await install();
    const [first] = sentry.issued;
    const settings = settingsFor(sentry);
    expect(await getInstallationToken(db(), uuid, settings)).toBe(first?.token);
    await nearExpiry(db());
    const refreshed = await getInstallationToken(db(), uuid, settings);
    expect(refreshed).not.toBe(first?.token);
    expect(refreshed).toBe(sentry.issued[1]?.token);
    expect(first?.revoked).toBe(true);
    expect(authorizations(sentry).map((r) => (r.body as { grant_type: string }).grant_type)).toEqual([
      "authorization_code",
      "refresh_token",
    ]);
    expect(authorizations(sentry)[1]?.body).toMatchObject({ refresh_token: first?.refreshToken });
    // The new token has its own 8 hours: no further refresh.
    expect(await getInstallationToken(db(), uuid, settings)).toBe(refreshed);
    expect(authorizations(sentry)).toHaveLength(2);
  });

  it("concurrent refreshers: one refresh reaches Sentry and both get the new token", async () => {
    await install();
    await nearExpiry(db());
    const stale = settingsFor(sentry, { api: { baseUrl: sentry.url, fetch: slowFetch } });
    const tokens = await Promise.all([
      getInstallationToken(db(), uuid, stale),
      getInstallationToken(db(), uuid, stale),
    ]);
    expect(
      authorizations(sentry).filter((r) => r.body && "refresh_token" in (r.body as object)),
    ).toHaveLength(1);
    expect(tokens).toEqual([sentry.issued[1]?.token, sentry.issued[1]?.token]);
  });

  it("installation.deleted: secrets are forgotten and every token request is refused", async () => {
    await install();
    const deleted = installedFixture();
    deleted.action = "deleted";
    delete deleted.data.installation.code;
    deleted.data.installation.status = "installed";
    await ingestAndStore(db(), delivery(deleted), ingestOptions);
    const row = await getInstallation(db(), uuid);
    expect(row).toMatchObject({ status: "deleted", tokenCiphertext: null, refreshTokenCiphertext: null });
    await expect(getInstallationToken(db(), uuid, settingsFor(sentry))).rejects.toBeInstanceOf(
      InstallationUnavailableError,
    );
    // A late retry of installation.created does not bring it back.
    await ingestAndStore(db(), delivery({ ...installedFixture(), action: "created" }), ingestOptions);
    expect((await db().select().from(sentryInstallations))[0]).toMatchObject({
      status: "deleted",
      grantCode: null,
    });
    expect(authorizations(sentry)).toHaveLength(1);
  });
});

// Two processes (two pools, so two server sessions) needing a refresh at the same moment.
describe("concurrent refresh from two connections (postgres)", () => {
  let first: Connection;
  let second: Connection;
  let sentry: SentryApiServer;
  beforeEach(async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
    first = await connect({ databaseUrl: url, dataDir: "" });
    second = await connect({ databaseUrl: url, dataDir: "" });
    await first.db.execute(
      sql`truncate table sentry_installations, jobs, deliveries restart identity cascade`,
    );
    sentry = await startSentryApiServer({
      token: "internal-token",
      events: {},
      installations: [{ uuid, org: "test-org", code }],
    });
  });
  afterEach(async () => {
    await sentry.close();
    await first.close();
    await second.close();
  });

  it("exactly one refresh request reaches Sentry and both connections get the new token", async () => {
    await ingestAndStore(first.db, delivery(installedFixture()), ingestOptions);
    await runDueJobs(first.db, createJobRegistry([exchangeGrantJob(settingsFor(sentry))]));
    await nearExpiry(first.db);
    const stale = settingsFor(sentry, { api: { baseUrl: sentry.url, fetch: slowFetch } });
    const tokens = await Promise.all([
      getInstallationToken(first.db, uuid, stale),
      getInstallationToken(second.db, uuid, stale),
    ]);
    expect(authorizations(sentry)).toHaveLength(2); // the exchange and one refresh
    expect(sentry.issued).toHaveLength(2);
    expect(tokens).toEqual([sentry.issued[1]?.token, sentry.issued[1]?.token]);
    expect(sentry.mismatches).toEqual([]);
  });
});
