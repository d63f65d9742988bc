import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { WRITEBACK_JOB } from "@/lib/db/queries/writebacks";
import { jobs, projects } from "@/lib/db/schema";
import { parseEncryptionKey } from "@/lib/installations/token-cipher";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { createSentryApiClient } from "@/lib/sentry/api-client";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { buildJobKinds, type WorkerSettings } from "./job-kinds";

// Several organisations at once: each installed the public integration and gets its own token;
// an issue's calls (its latest event, its write-back) go to its own organisation with that token.
// Issues of an organisation without an installation use the internal integration's token, and an
// organisation that removed Sift gets no call at all.

const fixture = (name: string) => JSON.parse(readFileSync(`${fixturesDir}/${name}`, "utf8"));
const internalToken = "internal-token";
const internalOrg = "internal-org";
const orgs = {
  acme: { uuid: randomUUID(), code: randomBytes(16).toString("hex"), issueId: "4001", projectId: "501" },
  globex: { uuid: randomUUID(), code: randomBytes(16).toString("hex"), issueId: "4002", projectId: "502" },
};
const internalIssue = { issueId: "4003", projectId: "503" };
const keyring = [parseEncryptionKey(randomBytes(32).toString("base64"))] as const;
const ingestOptions = {
  tenantKeys: [],
  rolesKeys: [],
  appId: null,
  receivedAt: new Date(),
  publicIntegration: true,
};

function latestEventOf(issueId: string) {
  const event = fixture("api-examples/get-issue-event.json");
  event.eventID = randomBytes(16).toString("hex");
  event.groupID = issueId;
  return event;
}

function delivery(resource: string, payload: unknown) {
  return { resource, requestId: randomUUID(), rawBody: JSON.stringify(payload), payload };
}

function installationCreated(slug: keyof typeof orgs) {
  const payload = fixture("webhooks/webhook-installation-created.json");
  Object.assign(payload.data.installation, { uuid: orgs[slug].uuid, code: orgs[slug].code });
  payload.data.installation.organization = { slug, id: 1 };
  payload.installation.uuid = orgs[slug].uuid;
  return payload;
}

/** issue.created as the installation `installationUuid` delivers it. */
function issueCreated(issue: { issueId: string; projectId: string }, installationUuid: string) {
  const payload = fixture("webhooks/webhook-issue-created.json");
  payload.data.issue.id = issue.issueId;
  payload.data.issue.project.id = issue.projectId;
  payload.installation = { uuid: installationUuid };
  return payload;
}

describeOnEachDatabase("Sentry calls per organisation (public integration)", (db) => {
  let sentry: SentryApiServer;
  beforeEach(async () => {
    sentry = await startSentryApiServer({
      token: internalToken,
      events: Object.fromEntries(
        [orgs.acme.issueId, orgs.globex.issueId, internalIssue.issueId, "4011", "4012"].map((id) => [
          id,
          latestEventOf(id),
        ]),
      ),
      installations: Object.entries(orgs).map(([org, o]) => ({ uuid: o.uuid, org, code: o.code })),
    });
  });
  afterEach(async () => {
    expect(sentry.mismatches).toEqual([]);
    await sentry.close();
  });

  const settings = (): WorkerSettings => ({
    rules: [],
    fallbackOwner: "#triage",
    identity: { tenantKeys: [], rolesKeys: [] },
    sentryApi: createSentryApiClient({ baseUrl: sentry.url, token: internalToken, org: internalOrg }),
    publicIntegration: {
      api: { baseUrl: sentry.url },
      credentials: { clientId: "sift-client-id", clientSecret: "sift-client-secret" },
      keyring,
    },
    writeback: {
      defaultMode: "comment",
      publicUrl: "https://sift.example.com",
      maxAttempts: 3,
      editAfterSeconds: 0,
    },
  });

  async function settle(kinds = buildJobKinds(settings())) {
    for (let round = 0; round < 6 && (await runDueJobs(db(), kinds)) > 0; round++);
  }

  const tokenOf = (org: keyof typeof orgs) => sentry.issued.find((p) => p.org === org && !p.revoked)?.token;
  const callsFor = (issueId: string) =>
    sentry.requests
      .filter((r) => r.path.includes(`/issues/${issueId}/`))
      .map((r) => [r.method, r.path.replace(/\/issues\/\d+\//, "/issues/N/"), r.auth]);

  async function installBoth() {
    for (const org of ["acme", "globex"] as const) {
      await ingestAndStore(db(), delivery("installation", installationCreated(org)), ingestOptions);
    }
    await settle();
    expect(sentry.issued.map((p) => p.org).sort()).toEqual(["acme", "globex"]);
  }

  it("each organisation's issues are read and written back with its own installation token", async () => {
    await installBoth();
    await ingestAndStore(db(), delivery("issue", issueCreated(orgs.acme, orgs.acme.uuid)), ingestOptions);
    await ingestAndStore(db(), delivery("issue", issueCreated(orgs.globex, orgs.globex.uuid)), ingestOptions);
    // An internal integration's delivery: its installation is none Sift recorded.
    await ingestAndStore(db(), delivery("issue", issueCreated(internalIssue, randomUUID())), ingestOptions);
    await settle();

    const orgOf = async (id: string) =>
      (await db().select({ org: projects.orgSlug }).from(projects).where(eq(projects.id, id)))[0]?.org;
    expect(await orgOf(orgs.acme.projectId)).toBe("acme");
    expect(await orgOf(orgs.globex.projectId)).toBe("globex");
    expect(await orgOf(internalIssue.projectId)).toBeNull();

    for (const org of ["acme", "globex"] as const) {
      const auth = `Bearer ${tokenOf(org)}`;
      expect(callsFor(orgs[org].issueId)).toEqual([
        ["GET", `/api/0/organizations/${org}/issues/N/events/latest/`, auth],
        ["POST", `/api/0/organizations/${org}/issues/N/comments/`, auth],
      ]);
    }
    expect(tokenOf("acme")).not.toBe(tokenOf("globex"));
    expect(callsFor(internalIssue.issueId).map((c) => c[2])).toEqual([
      `Bearer ${internalToken}`,
      `Bearer ${internalToken}`,
    ]);
    expect(callsFor(internalIssue.issueId)[0]?.[1]).toContain(`/organizations/${internalOrg}/`);
  });

  it("installation.deleted: queued jobs of that organisation finish without calling Sentry", async () => {
    await installBoth();
    await ingestAndStore(db(), delivery("issue", issueCreated(orgs.acme, orgs.acme.uuid)), ingestOptions);
    await ingestAndStore(db(), delivery("issue", issueCreated(orgs.globex, orgs.globex.uuid)), ingestOptions);
    await settle();
    const acmeCallsBefore = callsFor(orgs.acme.issueId).length;

    const deleted = installationCreated("acme");
    deleted.action = "deleted";
    delete deleted.data.installation.code;
    await ingestAndStore(db(), delivery("installation", deleted), ingestOptions);
    // A new issue of each organisation: acme's is analysed and written back without Sentry, while
    // globex carries on with its own token.
    const acmeIssue = { issueId: "4011", projectId: orgs.acme.projectId };
    const globexIssue = { issueId: "4012", projectId: orgs.globex.projectId };
    await ingestAndStore(db(), delivery("issue", issueCreated(acmeIssue, orgs.acme.uuid)), ingestOptions);
    await ingestAndStore(db(), delivery("issue", issueCreated(globexIssue, orgs.globex.uuid)), ingestOptions);
    await enqueueJob(db(), WRITEBACK_JOB, orgs.acme.issueId);
    await settle();
    expect(callsFor(acmeIssue.issueId)).toEqual([]);
    expect(callsFor(orgs.acme.issueId).length).toBe(acmeCallsBefore);
    // Read and written back (and, once grouped with globex's other issue, its comment edited):
    // always with globex's own token.
    const globexCalls = callsFor(globexIssue.issueId);
    expect(globexCalls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(globexCalls.map((c) => c[2]))).toEqual(new Set([`Bearer ${tokenOf("globex")}`]));
    expect(await db().$count(jobs, eq(jobs.status, "failed"))).toBe(0);
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(0);
  });
});
