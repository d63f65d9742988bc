import { expect, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
import { PostmortemsAdminPage } from "./pages/postmortems-page";
import { signIn } from "./pages/sign-in";
import { accessToken } from "./support/access-token";
import { deliverSigned } from "./support/deliver-signed";

// Each test signs in as its own seeded engineer, not as the stored triager.
test.use({ storageState: { cookies: [], origins: [] } });

// The fixture event: `ReferenceError: blooopy is not defined`, thrown in /runner.
const markdown = (marker: string) => `# ${marker}

- **Date:** 2026-09-30

## Summary

Every page threw \`ReferenceError: blooopy is not defined\` after the bundle lost its polyfill.

<script>window.__pwned = true</script>

Read the [runbook](javascript:window.__pwned=true) or the [real one](https://wiki.example.com/runbooks/polyfills).
`;

test("an admin uploads a post-mortem, a matching issue shows it, and it reads safely", async ({
  page,
  request,
}) => {
  const marker = `Polyfill outage ${Date.now()}`;
  const delivery = errorCreatedBody();
  expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);

  await signIn(page, "alice");
  const admin = new PostmortemsAdminPage(page);
  await admin.open();
  await admin.upload(marker, markdown(marker));
  await expect(admin.row(marker)).toContainText("2026-09-30");
  await expect(admin.row(marker)).toContainText("uploaded by Alice Admin");

  const issue = new IssuePage(page);
  await issue.goto(delivery.issueId);
  const card = page.getByRole("region", { name: "Similar post-mortems" });
  const item = card.getByTestId("similar-postmortem-item").filter({ hasText: marker });
  await expect(item).toBeVisible();
  await expect(item).toContainText("2026-09-30");
  await expect(item).toContainText(/score \d{1,3}%/);
  await expect(item).toContainText("exception:ReferenceError");
  await expect(item).toContainText("blooopy");

  await item.getByRole("link", { name: "Read the post-mortem" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(marker);
  const body = page.getByTestId("postmortem-body");
  // Raw HTML is text, the javascript: link is no link, the https one is.
  await expect(body).toContainText("<script>window.__pwned = true</script>");
  await expect(body.locator("script")).toHaveCount(0);
  await expect(body.getByRole("link", { name: "runbook", exact: true })).toHaveCount(0);
  await expect(body.getByRole("link", { name: "real one" })).toHaveAttribute(
    "href",
    "https://wiki.example.com/runbooks/polyfills",
  );
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();

  // The upload is in the audit log; deleting it takes it off the issue page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(
    page.getByTestId("audit-entry").filter({ hasText: "Uploaded a post-mortem" }).first(),
  ).toContainText("Alice Admin");
  await admin.open();
  await admin.delete(marker);
  await issue.goto(delivery.issueId);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("similar-postmortem-item").filter({ hasText: marker })).toHaveCount(0);
});

test("a viewer may read post-mortems but not upload or delete them", async ({ page }) => {
  await signIn(page, "carol");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Post-mortems" }),
  ).toHaveCount(0);
  const headers = { Authorization: `Bearer ${await accessToken(page)}`, "Content-Type": "application/json" };
  const upload = await page.request.post("/api/admin/postmortems", {
    headers,
    data: { title: "Not allowed", markdown: "# Not allowed" },
  });
  expect(upload.status()).toBe(403);
  expect((await upload.json()).error).toMatchObject({
    code: "forbidden",
    message: "This needs the admin role.",
  });
  expect((await page.request.delete("/api/admin/postmortems/1", { headers })).status()).toBe(403);
  expect((await page.request.get("/api/admin/postmortems", { headers })).status()).toBe(403);
  // Reading one is for everyone signed in: an unknown id is a 404, not a 403.
  expect((await page.request.get("/api/postmortems/999999999", { headers })).status()).toBe(404);
});
