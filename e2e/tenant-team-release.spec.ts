import { expect, type Page, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
import { QueuePage } from "./pages/queue-page";
import { signIn } from "./pages/sign-in";
import { deliverSigned } from "./support/deliver-signed";

// A viewer follows the issue page's links to the team queue, the tenant page and the release page,
// and reads the blast radius over time from its chart or its words.
test.use({ storageState: { cookies: [], origins: [] } });

async function accessToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("oidc.user:"));
    return key ? (JSON.parse(localStorage.getItem(key) ?? "{}").access_token as string) : "";
  });
}

test("a viewer goes from an issue to its team, tenant and release pages; the charts have their text", async ({
  page,
  request,
}) => {
  const run = Date.now();
  const title = `TypeError: e2e-pages-${run}`;
  const tenant = `tenant-e2e-${run}`;
  const release = `web@e2e-${run}`;
  let issueId: string | undefined;
  for (let user = 0; user < 3; user++) {
    const delivery = errorCreatedBody({
      title,
      issueId,
      at: run - user * 60_000,
      user: { id: `pages-user-${user}`, tenant_id: tenant },
      tags: [["release", release]],
    });
    issueId = delivery.issueId;
    expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  }

  await signIn(page, "carol");
  const issue = new IssuePage(page);
  await issue.goto(issueId as string);
  await issue.expectAnalysed({ owner: "#frontend" });

  // The chart is drawn (three series) and put into words, with the hours as a table on request.
  await expect(issue.timeline.locator("svg.recharts-surface")).toHaveCount(3);
  await expect(issue.timeline).toHaveAttribute("data-events", "3");
  await expect(page.getByTestId("blast-chart-summary")).toContainText("3 events over");
  await issue.timeline.getByText("Hourly numbers as a table").click();
  const table = page.getByRole("table", { name: "Events, users and tenants per hour (UTC)" });
  await expect(table).toBeVisible();
  // Its events column adds up to the three events sent (they may straddle an hour).
  const eventsColumn = await table.locator("tbody tr td:nth-of-type(1)").allTextContents();
  expect(eventsColumn.reduce((sum, cell) => sum + Number(cell), 0)).toBe(3);

  const queue = new QueuePage(page);
  await issue.ownerValue.getByRole("link", { name: "#frontend" }).click();
  await expect(page).toHaveURL(/\/teams\/frontend$/);
  await expect(queue.heading).toHaveText("#frontend");
  await queue.expectIssue(queue.openQueue, title);

  await page.goBack();
  await issue.topTenants.getByRole("link", { name: tenant }).click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${tenant}$`));
  await expect(queue.heading).toHaveText(tenant);
  await expect(queue.figure("Events, 24 h")).toHaveText("3");
  await expect(queue.figure("Users, 7 d")).toHaveText("3");
  await expect(page.getByTestId("tenant-tier")).toHaveText("no tier configured");
  await queue.expectIssue(queue.openQueue, title);

  await page.goBack();
  await issue.suspects.getByRole("link", { name: release }).click();
  await expect(page).toHaveURL(/\/releases\/web(@|%40)e2e-\d+$/);
  await expect(queue.heading).toHaveText(release);
  await expect(queue.figure("New")).toHaveText("1");
  await queue.expectIssue(queue.newQueue, title);
  await expect(queue.regressedQueue).toContainText("No issue first seen earlier came back");

  // Unknown names: a 404 with a reason from the API, an empty state with a way back on the page.
  const token = await accessToken(page);
  for (const path of [
    `/api/tenants/nobody-${run}`,
    `/api/teams/nobody-${run}`,
    `/api/releases/none-${run}`,
  ]) {
    const res = await request.get(path, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  }
  await page.goto(`/tenants/nobody-${run}`);
  await expect(page.getByRole("heading", { name: "Tenant not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to all issues" })).toBeVisible();

  // At phone width the issue page's events are cards and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await issue.goto(issueId as string);
  await issue.expectAnalysed();
  await expect(page.getByTestId("event-card")).toHaveCount(3);
  await expect(issue.timeline.locator("svg.recharts-surface")).toHaveCount(3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
