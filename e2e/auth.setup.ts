import { mkdirSync } from "node:fs";
import { test as setup } from "@playwright/test";
import { signIn } from "./pages/sign-in";

// Signs in once through the real provider's login form; the specs reuse the stored session.
// oidc-client-ts keeps its user in localStorage here, which storageState carries.
setup("sign in as the seeded triager", async ({ page }) => {
  mkdirSync("e2e/.auth", { recursive: true });
  await signIn(page, "bob");
  await page.context().storageState({ path: "e2e/.auth/triager.json" });
});
