import { expect, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
import { IssuesPage } from "./pages/issues-page";
import { deliverSigned } from "./support/deliver-signed";

test("a triager corrects an owner, and the analysis of the next event keeps it", async ({
  page,
  request,
}) => {
  const title = `ReferenceError: feedback-${Date.now()} is not defined`;
  const first = errorCreatedBody({ title, user: { id: "u-1", tenant_id: "acme" } });
  expect((await deliverSigned(request, "error", first.body)).status()).toBe(202);

  const detail = new IssuePage(page);
  await detail.goto(first.issueId);
  // The fixture's page is the one the url rule names.
  await detail.expectAnalysed({ owner: "#frontend" });
  await expect(detail.ownerValue).toHaveAttribute("data-source", "ownership_rule");

  await detail.correctOwner("checkout-team");
  // Shown at once, before any analysis: the corrected owner, who and when, and what Sift said.
  await expect(detail.ownerValue).toHaveText("#checkout-team");
  await expect(detail.ownerFeedback).toContainText(/corrected by Bob Triager just now/);
  await expect(detail.ownerFeedback).toContainText("Sift said #frontend");

  const second = errorCreatedBody({
    title,
    issueId: first.issueId,
    user: { id: "u-2", tenant_id: "globex" },
  });
  expect((await deliverSigned(request, "error", second.body)).status()).toBe(202);
  // The next analysis (at most SIFT_REANALYSE_AFTER_SECONDS after the event) reads the correction.
  await expect(async () => {
    await page.reload();
    await expect(detail.ownerValue).toHaveAttribute("data-source", "correction", { timeout: 2_000 });
  }).toPass({ timeout: 40_000 });
  await expect(detail.ownerValue).toHaveText("#checkout-team");
  await expect(detail.summary).toContainText("Owner #checkout-team (set by Bob Triager).");
  await expect(detail.blastRadius).toContainText("2");

  // The correction counts against the owner model on the models page, linked for everyone.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await expect(page.getByTestId("accuracy-owner")).toHaveText(/^\d{1,3}%$/);
  await expect(page.getByTestId("model-owner")).not.toContainText("no feedback yet");
});

test("a triager's priority and category corrections reach the issue list within seconds, with no new event", async ({
  page,
  request,
}) => {
  const title = `TypeError: feedback-tier-${Date.now()} is not a function`;
  const delivery = errorCreatedBody({ title, user: { id: "u-tier", tenant_id: "acme" } });
  expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  const detail = new IssuePage(page);
  await detail.goto(delivery.issueId);
  await detail.expectAnalysed({ owner: "#frontend" });
  const sift = (await detail.priority.getAttribute("data-tier")) ?? "";
  // A tier Sift did not choose, and a category it did not find.
  const tier = sift === "P0" ? "P3" : "P0";
  await detail.priority.getByRole("button", { name: "Correct…" }).click();
  await detail.priority.getByLabel("Correct priority").selectOption(tier);
  await detail.priority.getByRole("button", { name: "Save" }).click();
  await expect(detail.priority).toHaveAttribute("data-tier", tier);
  await detail.category.getByRole("button", { name: "Correct…" }).click();
  await detail.category.getByLabel("Correct category").selectOption("database");
  await detail.category.getByRole("button", { name: "Save" }).click();
  await expect(detail.category.getByTestId("category-verdict")).toHaveAttribute("data-category", "database");

  // The corrections queued the issue's analysis: the list, which sorts and filters by the stored
  // verdicts, follows once it has run.
  const list = new IssuesPage(page);
  await expect(async () => {
    await list.goto({ priority: tier, category: "database" });
    await expect(list.priorityFor(title)).toHaveAttribute("data-value", tier, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await list.open(title);
  await expect(detail.summary).toContainText("(database)");
  await expect(detail.category.getByTestId("category-reason")).toContainText(
    "set by Bob Triager; Sift found",
  );
});
