import { expect, test } from "@playwright/test";
import pg from "pg";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { machineToken } from "@/test/tokens";
import { IssuePage } from "./pages/issue-page";
import { deliverSigned } from "./support/deliver-signed";
import { e2ePorts } from "./support/ports";

// A failing analysis must say so on the page, with its error, instead of spinning forever. The
// failure is written into the jobs table as the worker would leave it (an analysis that crashes on
// demand does not exist), on the production server's own PostgreSQL database.

async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const connectionString = process.env.E2E_DATABASE_URL;
  if (!connectionString)
    throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`.");
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function analysedIssue(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const delivery = errorCreatedBody({ title: `RangeError: e2e-trouble-${Date.now()}` });
  const res = await deliverSigned(request, "error", delivery.body);
  expect(res.status()).toBe(202);
  const token = await machineToken(`http://localhost:${e2ePorts.idp}`);
  await expect
    .poll(async () => {
      const detail = await request.get(`/api/issues/${delivery.issueId}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return detail.ok() ? (await detail.json()).analysis !== null : false;
    })
    .toBe(true);
  return delivery.issueId;
}

test("a failed re-analysis is shown with its error above the previous analysis", async ({
  page,
  request,
}) => {
  const issueId = await analysedIssue(request);
  await withDatabase((db) =>
    db.query(
      `insert into jobs (kind, subject_id, status, attempts, last_error, finished_at)
       values ('analyse_issue', $1, 'failed', 5, 'TypeError: cannot read properties of undefined (reading ''frames'')', now())`,
      [issueId],
    ),
  );
  const detail = new IssuePage(page);
  await detail.goto(issueId);
  await expect(detail.analysisTrouble).toContainText("Analysis failed after 5 attempts");
  await expect(detail.analysisTrouble).toContainText("reading 'frames'");
  await expect(detail.summary).toBeVisible();
  await expect(detail.analysing).toHaveCount(0);
});

test("an analysis waiting for its retry says so instead of 'Analysing…'", async ({ page, request }) => {
  const issueId = await analysedIssue(request);
  await withDatabase(async (db) => {
    await db.query("delete from analyses where issue_id = $1", [issueId]);
    // Not due for an hour, so the server's worker leaves it alone while the page is checked.
    await db.query(
      `insert into jobs (kind, subject_id, status, attempts, last_error, run_after)
       values ('analyse_issue', $1, 'queued', 2, 'Sentry API answered 502: Bad Gateway', now() + interval '1 hour')`,
      [issueId],
    );
  });
  const detail = new IssuePage(page);
  await detail.goto(issueId);
  await expect(detail.analysisTrouble).toContainText("retried automatically");
  await expect(detail.analysisTrouble).toContainText("502: Bad Gateway");
  await expect(detail.analysing).toHaveCount(0);
});
