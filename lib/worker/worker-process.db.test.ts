import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect } from "@/lib/db/connect";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { analyses, jobs } from "@/lib/db/schema";
import { fixturesDir } from "@/test/databases";
import { type EnvelopeSink, hasErrorEvent, startEnvelopeSink } from "@/test/envelope-sink";
import { ingestAndStore } from "@/test/ingest-deliveries";

// `npm run worker` as its own process against the PostgreSQL server, exactly as the README tells
// operators to run it: it analyses what the web process queued, reports a failing job to the
// Sentry DSN it is given, and finishes cleanly on SIGTERM.

const url = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, "../..");

describe("npm run worker", () => {
  let db: Connection;
  let sink: EnvelopeSink;
  let worker: ChildProcess;
  let output = "";

  beforeAll(async () => {
    if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
    db = await connect({ databaseUrl: url, dataDir: "" });
    await db.db.execute(
      sql`truncate table writebacks, sync_state, analyses, issue_identities, issue_users, issue_tenants, events, issues, projects, deliveries, jobs restart identity cascade`,
    );
    sink = await startEnvelopeSink();
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill("SIGKILL");
    await sink?.close();
    await db?.close();
  });

  it("analyses queued work, reports a failing job to Sentry, and stops on SIGTERM", async () => {
    const payload = JSON.parse(readFileSync(`${fixturesDir}/webhooks/webhook-error-created.json`, "utf8"));
    await ingestAndStore(
      db.db,
      { resource: "error", requestId: null, rawBody: JSON.stringify(payload), payload },
      { tenantKeys: ["tenant_id"], rolesKeys: ["roles"], appId: null, receivedAt: new Date() },
    );
    // An analysis of an issue that does not exist throws: the failure to report.
    await enqueueJob(db.db, "analyse_issue", "404404404");

    worker = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/worker.ts"],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: url,
          SENTRY_DSN: sink.dsn,
          SENTRY_ENVIRONMENT: "worker-test",
          SIFT_WORKER_POLL_MS: "50",
          SIFT_SENTRY_POLL_SECONDS: "0",
          SENTRY_API_TOKEN: "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    worker.stdout?.on("data", (chunk) => (output += chunk));
    worker.stderr?.on("data", (chunk) => (output += chunk));

    await expect.poll(() => db.db.$count(analyses), { timeout: 20_000, interval: 100 }).toBe(1);
    const envelope = await sink.waitFor((e) => hasErrorEvent(e, "issue 404404404 does not exist"), 20_000);
    const event = envelope.items.find((i) => i.type === "event")?.payload as {
      environment?: string;
      tags?: Record<string, string>;
    };
    expect(event.environment).toBe("worker-test");
    expect(event.tags?.["job.kind"]).toBe("analyse_issue");
    // The failure is reported before the job's row records it: wait for the row.
    const lastError = async () =>
      (await db.db.select().from(jobs).where(eq(jobs.subjectId, "404404404")))[0]?.lastError;
    await expect.poll(lastError, { timeout: 5_000, interval: 50 }).toMatch(/does not exist/);

    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/started on pg/);
    expect(output).toMatch(/SIGTERM: finishing the current job/);
  });
});
