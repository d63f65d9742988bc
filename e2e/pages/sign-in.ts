import { expect, type Page } from "@playwright/test";

/**
 * Signs in through the real local IdP: Sift's sign-in screen → the IdP login form → back on
 * /issues. The local IdP accepts only seeded logins (dev/idp/accounts.ts) with any password.
 */
export async function signIn(page: Page, login: string, password = "sift-dev"): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();

  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill(password);
  await page.locator("button[type=submit]").click();

  // Sift's own IdP grants consent itself; oidc-provider's stock devInteractions would ask.
  const consent = page.locator("form:has(input[name=prompt][value=consent]) button[type=submit]");
  const consentShown = await Promise.race([
    page.waitForURL((url) => url.pathname === "/issues").then(() => false),
    consent.waitFor({ state: "visible" }).then(() => true),
  ]).catch(() => false);
  if (consentShown) await consent.click();

  await page.waitForURL((url) => url.pathname === "/issues");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Submits the IdP login form and expects it to refuse (unknown login). */
export async function expectLoginRefused(page: Page, login: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("sift-dev");
  await page.locator("button[type=submit]").click();
  await expect(page.getByRole("alert")).toContainText("Unknown user");
}
