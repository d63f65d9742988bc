// `npm run screenshots`: refreshes the README's screenshots from a running dashboard with the demo
// data (start it with `npm run dev` first). Signs in through the local IdP as alice and captures
// the issue list, one issue page, its incident, and its team, tenant and release pages (desktop
// and phone width), and the issue list in the dark colour scheme, into docs/. SIFT_PUBLIC_URL names the dashboard.
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const baseURL = process.env.SIFT_PUBLIC_URL ?? "http://localhost:3000";
// Debian's Chromium where installed, as in playwright.config.ts.
const debianChromium = "/usr/lib/chromium/chromium";
// Next's dev-mode badge ("Compiling…") belongs to the dev server, not the dashboard: left out of the pictures.
const hideDevBadge = "nextjs-portal { display: none !important; }";

const browser = await chromium.launch(
  existsSync(debianChromium) ? { executablePath: debianChromium, args: ["--no-sandbox"] } : {},
);
try {
  const page = await browser.newPage({ baseURL, viewport: { width: 1440, height: 900 } });
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("input[name=login]").fill("alice");
  await page.locator("input[name=password]").fill("sift-dev");
  await page.locator("button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/issues", { timeout: 30_000 });
  const rows = page.getByTestId("issue-row");
  await rows.first().waitFor({ timeout: 30_000 });
  // Wait until every demo issue shows its analysis, so the picture is what a newcomer sees.
  await page.waitForFunction(() => !(document.body.textContent ?? "").includes("not analysed yet"), null, {
    timeout: 60_000,
  });
  await page.screenshot({ style: hideDevBadge, path: path.join(root, "docs/screenshot-issues.png") });
  // A phone: one card per issue instead of the table.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ style: hideDevBadge, path: path.join(root, "docs/screenshot-issues-phone.png") });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole("link", { name: /has no method 'updateFrom'/ }).click();
  await page.getByTestId("analysis-summary").waitFor({ timeout: 30_000 });
  await page.screenshot({
    style: hideDevBadge,
    path: path.join(root, "docs/screenshot-issue.png"),
    fullPage: true,
  });
  const issueUrl = page.url();
  // The demo's billing-api failure and the web TypeError it causes share traces: one incident.
  await page
    .getByTestId("issue-incident")
    .getByRole("link", { name: /Open incident/ })
    .click();
  await page.getByRole("region", { name: "Root" }).waitFor({ timeout: 30_000 });
  await page.screenshot({
    style: hideDevBadge,
    path: path.join(root, "docs/screenshot-incident.png"),
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    style: hideDevBadge,
    path: path.join(root, "docs/screenshot-incident-phone.png"),
    fullPage: true,
  });
  // The pages the issue links to: its team's queue, its most-hit tenant, the release it arrived in.
  const linked = [
    { name: "team", link: page.getByTestId("owner-value").getByRole("link"), ready: "queue-open" },
    {
      name: "tenant",
      link: page.getByTestId("blast-radius").getByTestId("tenant-link").first(),
      ready: "queue-open",
    },
    { name: "release", link: page.getByTestId("suspect-release").getByRole("link"), ready: "release-new" },
  ];
  for (const { name, link, ready } of linked) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(issueUrl);
    await link.click();
    await page.getByTestId(ready).getByTestId("issue-row").first().waitFor({ timeout: 30_000 });
    await page.getByTestId(`${name}-figures`).waitFor({ timeout: 30_000 });
    await page.screenshot({
      style: hideDevBadge,
      path: path.join(root, `docs/screenshot-${name}.png`),
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({
      style: hideDevBadge,
      path: path.join(root, `docs/screenshot-${name}-phone.png`),
      fullPage: true,
    });
  }

  // The other pages, as alice (an admin) sees them once the demo data has loaded.
  const pages = [
    { name: "incidents", url: "/incidents" },
    { name: "models", url: "/models" },
    { name: "admin-jobs", url: "/admin/jobs" },
    { name: "admin-audit", url: "/admin/audit" },
    { name: "admin-projects", url: "/admin/projects" },
    { name: "admin-postmortems", url: "/admin/postmortems" },
  ];
  for (const { name, url } of pages) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url);
    await page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: 30_000 });
    // Loading states are marked aria-busy (skeletons and "Loading …" lines alike).
    await page.waitForFunction(() => !document.querySelector("[aria-busy=true], .animate-pulse"), undefined, {
      timeout: 30_000,
    });
    await page.screenshot({
      style: hideDevBadge,
      path: path.join(root, `docs/screenshot-${name}.png`),
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({
      style: hideDevBadge,
      path: path.join(root, `docs/screenshot-${name}-phone.png`),
      fullPage: true,
    });
  }

  // Dark mode follows the system: the same list as a browser set to dark sees it.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/issues");
  await rows.first().waitFor({ timeout: 30_000 });
  await page.screenshot({ style: hideDevBadge, path: path.join(root, "docs/screenshot-issues-dark.png") });
  console.log(
    "written docs/screenshot-issues(-phone).png, screenshot-issue.png, screenshot-incident(-phone).png, screenshot-team(-phone).png, screenshot-tenant(-phone).png, screenshot-release(-phone).png, screenshot-{incidents,models,admin-jobs,admin-audit,admin-projects,admin-postmortems}(-phone).png and screenshot-issues-dark.png",
  );
} finally {
  await browser.close();
}
