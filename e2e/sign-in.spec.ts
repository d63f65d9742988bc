import { expect, test } from "@playwright/test";
import { expectLoginRefused, signIn } from "./pages/sign-in";

test.describe("signing in and out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a signed-out visitor sees what Sift is and a sign-in button, not data", async ({ page }) => {
    await page.goto("/issues");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByTestId("issue-row")).toHaveCount(0);
  });

  test("the provider refuses a login that is not a seeded engineer", async ({ page }) => {
    await expectLoginRefused(page, "mallory");
  });

  test("a viewer signs in, sees their role, and signs out again", async ({ page }) => {
    await signIn(page, "carol");
    await expect(page.getByText("viewer", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.goto("/issues");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });
});
