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
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    await page.goto("/issues");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("an expired access token is renewed with the refresh token, without a sign-in", async ({ page }) => {
    await signIn(page, "carol");
    const storedUser = () =>
      page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith("oidc.user:"));
        return key ? { key, user: JSON.parse(localStorage.getItem(key) ?? "{}") } : null;
      });
    const before = await storedUser();
    expect(before?.user.refresh_token, "the local IdP issues the SPA a refresh token").toBeTruthy();
    // As if the laptop slept through the renew timer: the stored token has expired.
    await page.evaluate(
      ({ key, user }) => {
        localStorage.setItem(
          key,
          JSON.stringify({ ...user, expires_at: Math.floor(Date.now() / 1000) - 60 }),
        );
      },
      before as { key: string; user: Record<string, unknown> },
    );

    const tokenRequest = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/token"));
    await page.reload();
    expect((await tokenRequest).postData()).toContain("grant_type=refresh_token");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.locator("input[name=login]")).toHaveCount(0);
    const after = await storedUser();
    expect(after?.user.access_token).not.toBe(before?.user.access_token);
    expect(after?.user.expires_at).toBeGreaterThan(Date.now() / 1000);
  });

  test("signing out ends the IdP session too, and says so", async ({ page }) => {
    // Control: forgetting Sift's tokens alone leaves the IdP session, so signing in again skips
    // its login form. Otherwise the login form below would prove nothing.
    await signIn(page, "bob");
    await page.evaluate(() => localStorage.clear());
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/issues");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/auth/signed-out");
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    await expect(page.getByText("your session at the sign-in service has ended")).toBeVisible();
    await expect(page).toHaveTitle("Signed out · Sift");
    const storedUsers = await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith("oidc.user:")),
    );
    expect(storedUsers).toEqual([]);

    await page.getByRole("button", { name: "Sign in again" }).click();
    await expect(page.locator("input[name=login]")).toBeVisible();
  });
});
