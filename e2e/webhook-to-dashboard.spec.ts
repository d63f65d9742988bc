import { expect, test } from "@playwright/test";
import { errorCreatedBody, readFixture, uniqueIssueId } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
import { IssuesPage } from "./pages/issues-page";
import { deliverSigned } from "./support/deliver-signed";

test("a signed error.created webhook shows up analysed in the dashboard", async ({ page, request }) => {
  const title = `ReferenceError: e2e-${Date.now()} is not defined`;
  // Both events come from the page the url rule names; only the newest carries the umbrella tenant a
  // tags rule names. The owner is weighed over the events, so the url rule (2 of 2) holds it.
  const events = [
    { user: { id: "u-2", roles: ["member"] }, tags: [["tenant_id", "acme"]] as [string, string][] },
    { user: { id: "u-1", roles: ["admin"] }, tags: [["tenant_id", "umbrella"]] as [string, string][] },
  ];
  let issueId = "";
  for (const { user, tags } of events) {
    const delivery = errorCreatedBody({ title, user, tags, issueId: issueId || undefined });
    issueId = delivery.issueId;
    const res = await deliverSigned(request, "error", delivery.body);
    expect(res.status()).toBe(202);
  }

  const list = new IssuesPage(page);
  await list.goto();
  await list.expectAnalysed(title);
  await expect(list.rowFor(title)).toContainText("#frontend", { timeout: 30_000 });
  await expect(list.rowFor(title).getByTestId("category-badge")).toHaveText("Type error");

  await list.open(title);
  const detail = new IssuePage(page);
  await detail.expectTitle(title);
  await detail.expectAnalysed({ owner: "#frontend" });
  // If the first event was analysed before the second arrived, the re-analysis that weighs both
  // waits SIFT_REANALYSE_AFTER_SECONDS (10 s) after it.
  await expect(detail.owner).toContainText("matched 2 of 2 events", { timeout: 30_000 });
  await expect(detail.owner).toContainText("url:https://null.jsbin.com/*");
  await expect(detail.category).toContainText("Type error");
  await expect(detail.category).toContainText('because of exception type "ReferenceError"');
  // The summary's confidence, with the claims it rests on on hover; no model is configured.
  await expect(detail.summary).toContainText("Owner #frontend via url:https://null.jsbin.com/*.");
  await expect(detail.summaryConfidence).toHaveText(/^confidence \d{1,3}%$/);
  await expect(detail.summaryConfidence).toHaveAttribute(
    "title",
    /category type_error \d{1,3}% \(.*\) × .* × owner #frontend \d{1,3}% \(an ownership rule matched\)/,
  );
  await expect(detail.summaryOrigin).toHaveText("built from the evidence, no language model");
  await expect(detail.blastRadius).toContainText("2");
  await expect(detail.tenantRow("umbrella")).toBeVisible();
  await expect(detail.eventRows).toHaveCount(2);
  // No commits are stored, so the section says how to get them.
  await expect(detail.suspects.getByTestId("suspects-empty")).toContainText("npm run import:commits");
  expect(page.url()).toContain(`/issues/${issueId}`);
});

test("an issue known only by issue.created shows Sentry's totals beside what Sift counted", async ({
  page,
  request,
}) => {
  const payload = JSON.parse(readFixture("webhook-issue-created.json"));
  payload.data.issue.id = uniqueIssueId();
  payload.data.issue.title = `Error: e2e-sentry-totals-${Date.now()}`;
  Object.assign(payload.data.issue, { count: "150", userCount: 12 });
  const body = JSON.stringify(payload);
  const res = await deliverSigned(request, "issue", body);
  expect(res.status()).toBe(202);

  const detail = new IssuePage(page);
  await detail.goto(payload.data.issue.id);
  await expect(detail.summary).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("sentry-totals")).toContainText("Sentry counts 150 events and 12 users");
});
