import type { Page } from "@playwright/test";

/** The signed-in engineer's access token, where oidc-client-ts keeps it. */
export async function accessToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("oidc.user:"));
    return key
      ? (JSON.parse(localStorage.getItem(key) ?? "{}").access_token as string | undefined)
      : undefined;
  });
  if (!token) throw new Error("no access token in localStorage");
  return token;
}
