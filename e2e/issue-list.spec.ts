import { expect, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
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
