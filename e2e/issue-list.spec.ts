import { expect, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
import { IssuesPage } from "./pages/issues-page";
import { deliverSigned } from "./support/deliver-signed";

test("sorting by most users puts the most affected issue first and keeps the order in the URL", async ({
  page,
  request,
}) => {
  // An issue that hurt more users than anything else in this run's database.
  const title = `TypeError: e2e-most-users-${Date.now()}`;
  let issueId: string | undefined;
  for (let user = 0; user < 12; user++) {
    const delivery = errorCreatedBody({ title, issueId, user: { id: `sorted-user-${user}` } });
    issueId = delivery.issueId;
    const res = await deliverSigned(request, "error", delivery.body);
    expect(res.status()).toBe(202);
  }

  const list = new IssuesPage(page);
  await list.goto();
  await list.sortOrder.selectOption({ label: "Most users" });
  await expect(page).toHaveURL(/[?&]sort=users/);
  await expect(list.rows.first()).toHaveAttribute("data-issue-id", issueId ?? "");
  const counts = await list.userCounts();
  expect(counts[0]).toBe(12);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  // Shareable: the sorted view survives a reload.
  await page.reload();
  await expect(list.sortOrder).toHaveValue("users");
  await expect(list.rows.first()).toHaveAttribute("data-issue-id", issueId ?? "");
});

test("sorting and filtering by priority live in the URL; the issue page gives the reasons and the hourly timeline", async ({
  page,
  request,
}) => {
  const title = `TypeError: e2e-priority-${Date.now()}`;
  let issueId: string | undefined;
  for (let user = 0; user < 3; user++) {
    const delivery = errorCreatedBody({
      title,
      issueId,
      user: { id: `priority-user-${user}`, tenant_id: "acme" },
    });
    issueId = delivery.issueId;
    expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  }

  const list = new IssuesPage(page);
  await list.goto();
  await list.sortOrder.selectOption({ label: "Priority" });
  await expect(page).toHaveURL(/[?&]sort=priority/);
  await list.expectAnalysed(title);
  const badge = list.priorityFor(title);
  await expect(badge).toHaveAttribute("data-value", /^P[0-3]$/);
  const tier = (await badge.getAttribute("data-value")) ?? "";

  await list.priorityFilter.selectOption(tier);
  await expect(page).toHaveURL(new RegExp(`[?&]priority=${tier}`));
  await list.expectRow(title);
  for (const shown of await list.rows
    .getByTestId("priority-badge")
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-value")))) {
    expect(shown).toBe(tier);
  }
  // Shareable: the filtered, sorted view survives a reload.
  await page.reload();
  await expect(list.priorityFilter).toHaveValue(tier);
  await expect(list.sortOrder).toHaveValue("priority");

  await list.open(title);
  const issue = new IssuePage(page);
  await expect(issue.priority).toHaveAttribute("data-tier", tier);
  await expect(issue.priorityReasons.filter({ hasText: "3 users affected" })).toBeVisible();
  await expect(issue.timeline).toHaveAttribute("data-events", "3");
});
