import { expect, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { signIn } from "./pages/sign-in";
import { accessToken } from "./support/access-token";
import { deliverSigned } from "./support/deliver-signed";

// Each test signs in as its own seeded engineer, not as the stored triager.
test.use({ storageState: { cookies: [], origins: [] } });

test("an admin changes a project's write-back mode and finds it in the audit log, on a phone too", async ({
  page,
  request,
}) => {
  const projectId = String(930_000 + (Date.now() % 60_000));
  const delivery = errorCreatedBody({ project: projectId });
  expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);

  await signIn(page, "alice");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Projects" }).click();
  const mode = page.locator(`#writeback-${projectId}`);
  await mode.selectOption("assign");
  await expect(mode).toHaveValue("assign");
  await expect(page.getByRole("row").filter({ has: mode })).toContainText("alice@example.com");

  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveTitle("Audit log · Sift");
  const entry = page.getByTestId("audit-entry").filter({ hasText: `project ${projectId}` });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Alice Admin");
  await expect(entry).toContainText("Set write-back mode");
  await expect(entry).toContainText("just now");
  // The absolute time names its zone.
  await expect(entry.locator("time").first()).toHaveText(/\d{1,2}:\d{2}:\d{2}\s?[AP]M\s\S+/);
  await expect(entry.locator("del")).toHaveText("none");
  await expect(entry.locator("ins")).toHaveText("assign");

  // A phone: cards instead of the table, and nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("table")).toBeHidden();
  const card = page.getByTestId("audit-card").filter({ hasText: `project ${projectId}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Alice Admin");
  await expect(card.locator("ins")).toHaveText("assign");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a viewer sees no admin pages in the nav and is refused the audit log", async ({ page, request }) => {
  await signIn(page, "carol");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Issues" })).toBeVisible();
  for (const name of ["Projects", "Failed jobs", "Audit log"]) {
    await expect(nav.getByRole("link", { name })).toHaveCount(0);
  }

  const res = await request.get("/api/admin/audit", {
    headers: { Authorization: `Bearer ${await accessToken(page)}` },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatchObject({
    code: "forbidden",
    message: "This needs the admin role.",
  });

  // Typing the address gets the API's refusal on the page, not the log.
  await page.goto("/admin/audit");
  await expect(page.getByRole("alert").filter({ hasText: "Could not load" })).toContainText(
    "This needs the admin role.",
  );
  await expect(page.getByTestId("audit-entry")).toHaveCount(0);
});
