import { expect, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
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
