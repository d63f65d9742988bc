import { expect, test } from "@playwright/test";
import { errorCreatedBody } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
import { IssuesPage } from "./pages/issues-page";
import { accessToken } from "./support/access-token";
import { deliverSigned } from "./support/deliver-signed";

test("sorting by most users puts the most affected issue first and keeps the order in the URL", async ({
  page,
  request,
}) => {
  // An issue that hurt more users than anything else in this run's database.
  const title = `TypeError: e2e-most-users-${Date.now()}`;
  let issueId: string | undefined;
  for (let user = 0; user < 12; user++) {
    const delivery = errorCreatedBody({ title, issueId, user: { id: `sorted-user-${user}` } });
    issueId = delivery.issueId;
    const res = await deliverSigned(request, "error", delivery.body);
    expect(res.status()).toBe(202);
  }

  const list = new IssuesPage(page);
  await list.goto();
  // A delivery is acknowledged once committed and stored by the worker a moment later: sort once all
  // twelve users are counted, or a fresh server's first rows can still show one.
  const headers = { Authorization: `Bearer ${await accessToken(page)}` };
  await expect
    .poll(async () => {
      const answer = await request.get("/api/issues?sort=users", { headers });
      return ((await answer.json()) as { items: { userCount: number }[] }).items[0]?.userCount;
    })
    .toBe(12);
  await list.sortOrder.selectOption({ label: "Most users" });
  await expect(page).toHaveURL(/[?&]sort=users/);
  await expect(list.rows.first()).toHaveAttribute("data-issue-id", issueId ?? "");
  const counts = await list.userCounts();
  expect(counts[0]).toBe(12);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  // Shareable: the sorted view survives a reload.
  await page.reload();
  await expect(list.sortOrder).toHaveValue("users");
  await expect(list.rows.first()).toHaveAttribute("data-issue-id", issueId ?? "");
});

test("sorting and filtering by priority live in the URL; the issue page gives the reasons and the hourly timeline", async ({
  page,
  request,
}) => {
  const title = `TypeError: e2e-priority-${Date.now()}`;
  let issueId: string | undefined;
  for (let user = 0; user < 3; user++) {
    const delivery = errorCreatedBody({
      title,
      issueId,
      user: { id: `priority-user-${user}`, tenant_id: "acme" },
    });
    issueId = delivery.issueId;
    expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  }

  const list = new IssuesPage(page);
  await list.goto();
  await list.sortOrder.selectOption({ label: "Priority" });
  await expect(page).toHaveURL(/[?&]sort=priority/);
  await list.expectAnalysed(title);
  const badge = list.priorityFor(title);
  await expect(badge).toHaveAttribute("data-value", /^P[0-3]$/);
  const tier = (await badge.getAttribute("data-value")) ?? "";

  await list.priorityFilter.selectOption(tier);
  await expect(page).toHaveURL(new RegExp(`[?&]priority=${tier}`));
  await list.expectRow(title);
  for (const shown of await list.rows
    .getByTestId("priority-badge")
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-value")))) {
    expect(shown).toBe(tier);
  }
  // Shareable: the filtered, sorted view survives a reload.
  await page.reload();
  await expect(list.priorityFilter).toHaveValue(tier);
  await expect(list.sortOrder).toHaveValue("priority");

  await list.open(title);
  const issue = new IssuePage(page);
  await expect(issue.priority).toHaveAttribute("data-tier", tier);
  await expect(issue.priorityReasons.filter({ hasText: "3 users affected" })).toBeVisible();
  await expect(issue.timeline).toHaveAttribute("data-events", "3");
});

// The list as on-call uses it: filters shared by URL, the keyboard, a phone, new arrivals, and
// what it says when the API fails. Each test owns its issues by a unique stamp in their titles.

async function deliver(
  request: Parameters<typeof deliverSigned>[0],
  title: string,
  tags: [string, string][] = [],
  issueId?: string,
) {
  const delivery = errorCreatedBody({ title, tags, issueId, user: { id: `u-${title}` } });
  expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  return delivery.issueId;
}

test("filters by environment and release through the URL, shows them as removable chips, and project cells filter", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const release = `checkout@${stamp}.0.0+build-with-a-long-name`;
  const prod = await deliver(request, `TypeError: e2e-env-prod-${stamp}`, [
    ["environment", `prod-${stamp}`],
    ["release", release],
  ]);
  await deliver(request, `TypeError: e2e-env-staging-${stamp}`, [["environment", `staging-${stamp}`]]);

  const list = new IssuesPage(page);
  await list.goto({ q: `${stamp}`, environment: `prod-${stamp}` });
  await expect.poll(() => list.rowIds()).toEqual([prod]);
  await expect(list.chip("environment")).toContainText(`prod-${stamp}`);
  // The release the issue arrived with, in full.
  await expect(list.rows.first().getByTestId("issue-first-release")).toHaveText(release);
  await expect(list.rows.first().getByTestId("sparkline")).toHaveAttribute("data-total", "1");

  await list.goto({ q: `${stamp}`, release });
  await expect.poll(() => list.rowIds()).toEqual([prod]);

  // Removing the chip widens the list again, and the URL says so.
  await list.chip("release").getByRole("button").click();
  await expect(page).not.toHaveURL(/release=/);
  await expect.poll(() => list.rowIds().then((ids) => ids.length)).toBe(2);

  // "More filters" (its form is built when the panel first opens) applies a release and a time
  // range together.
  await page.getByText("More filters").click();
  await page.getByLabel("Release", { exact: true }).fill(release);
  await page.getByLabel("Last seen from").fill("2020-01-01T00:00");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]start=20(19|20)-/);
  await expect(list.chip("release")).toContainText(release);
  await expect.poll(() => list.rowIds()).toEqual([prod]);
  // Two chips removed back to back: the second builds on the first even before the first has landed.
  // The page's navigation payloads are held for a moment, as a busy server's would be, so the second
  // click always comes while the first change is still on its way.
  const slowNavigation = (url: URL) => url.searchParams.has("_rsc");
  await page.route(slowNavigation, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await list.chip("release").getByRole("button").click();
  await list.chip("start").getByRole("button").click();
  await expect(page).not.toHaveURL(/release=|start=/);
  await page.unroute(slowNavigation);
  await expect.poll(() => list.rowIds().then((ids) => ids.length)).toBe(2);

  // A project cell applies the project filter, shown as a chip.
  const project = list.rows.first().getByTestId("issue-project");
  const slug = (await project.textContent()) ?? "";
  await project.click();
  await expect(page).toHaveURL(new RegExp(`[?&]project=${slug}`));
  await expect(list.chip("project")).toContainText(slug);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${stamp}`));

  // A hand-edited bad value is ignored by the page (the API would answer 400).
  await list.goto({ q: `${stamp}`, level: "catastrophic" });
  await expect.poll(() => list.rowIds().then((ids) => ids.length)).toBe(2);
  await expect(list.chips.filter({ hasText: "catastrophic" })).toHaveCount(0);
});

test("j and k move a visible focus through the rows, Enter opens the issue, / jumps to search", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  await deliver(request, `TypeError: e2e-keys-a-${stamp}`);
  await deliver(request, `TypeError: e2e-keys-b-${stamp}`);
  const list = new IssuesPage(page);
  await list.goto({ q: `${stamp}` });
  await expect.poll(() => list.rowIds().then((ids) => ids.length)).toBe(2);
  const [first, second] = await list.rowIds();

  const focusedRow = () =>
    page.evaluate(() => document.activeElement?.closest("[data-issue-id]")?.getAttribute("data-issue-id"));
  await page.keyboard.press("j");
  await expect.poll(focusedRow).toBe(first);
  await page.keyboard.press("j");
  await expect.poll(focusedRow).toBe(second);
  // The focus ring is drawn (a real outline, not a faint border).
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(outline.style).toBe("solid");
  expect(outline.width).toBeGreaterThanOrEqual(2);
  await page.keyboard.press("k");
  await expect.poll(focusedRow).toBe(first);

  await page.keyboard.press("/");
  await expect(list.searchBox).toBeFocused();
  // Escape leaves the search box, and j moves through the rows again.
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/issues/${first}$`));
  // The tab names the issue once it has loaded.
  await expect(page).toHaveTitle(new RegExp(`e2e-keys-[ab]-${stamp} · Sift$`));
});

test("at 390 px each issue is a card with its title in full and no sideways scrolling", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const title = `TypeError: e2e-phone-${stamp} a title long enough that a table would cut it to ten characters`;
  await deliver(request, title);
  await page.setViewportSize({ width: 390, height: 844 });
  const list = new IssuesPage(page);
  await list.goto({ q: `${stamp}` });
  await expect(list.rows).toHaveCount(1);
  await expect(list.table).toHaveCount(0);
  const card = list.rows.first();
  await expect(card.getByRole("link", { name: title })).toBeVisible();
  await expect(card.getByRole("link", { name: title })).toHaveText(title);
  await expect(card.getByTestId("issue-project")).toBeVisible();
  await expect(card.getByTestId("issue-users")).toBeVisible();
  await expect(card.getByTestId("sparkline")).toBeVisible();
  const titleBox = await card.getByRole("link", { name: title }).boundingBox();
  expect(titleBox && titleBox.x + titleBox.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The search box is a usable field, not a collapsed square.
  const search = await list.searchBox.boundingBox();
  expect(search?.width ?? 0).toBeGreaterThan(250);
  await list.searchBox.fill(`e2e-phone-${stamp}`);
  await expect(page).toHaveURL(new RegExp(`q=e2e-phone-${stamp}`));
});

test("a new issue appears without a reload, highlighted and counted in the tab title, and the scroll position stays", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  await deliver(request, `TypeError: e2e-arrival-old-${stamp}`);
  const list = new IssuesPage(page);
  await list.goto({ q: `${stamp}` });
  await expect(list.rows).toHaveCount(1);
  await expect(page).toHaveTitle("Issues · Sift");
  await page.evaluate(() => window.scrollTo(0, 120));
  const scrolled = await page.evaluate(() => window.scrollY);

  const fresh = await deliver(request, `TypeError: e2e-arrival-new-${stamp}`);
  // The list refreshes by itself every 10 s.
  await expect(list.rows).toHaveCount(2, { timeout: 20_000 });
  await expect(page.locator(`[data-issue-id="${fresh}"]`)).toHaveAttribute("data-arrived", "true");
  await expect(page.locator(`[data-issue-id="${fresh}"]`).getByTestId("arrival-marker")).toBeVisible();
  await expect(page).toHaveTitle("(1) Issues · Sift");
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

  await page.getByTestId("arrivals").click();
  await expect(page).toHaveTitle("Issues · Sift");
  await expect(page.locator(`[data-issue-id="${fresh}"]`)).not.toHaveAttribute("data-arrived", "true");
});

test("when the API fails the list says it could not load, never '0 shown · live'", async ({ page }) => {
  await page.route("**/api/issues?**", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "unavailable", message: "Database unavailable" } }),
    }),
  );
  const list = new IssuesPage(page);
  await list.goto();
  await list.expectError("Database unavailable");
  await expect(list.listStatus).toHaveText("Not loaded");
  await expect(page.getByText(/0 shown/)).toHaveCount(0);
});

test("an unknown address and an unknown issue each say so under a heading, with a way back", async ({
  page,
}) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Sift");
  await page.getByRole("link", { name: "Go to issues" }).click();
  await expect(page).toHaveURL(/\/issues$/);

  await page.goto("/issues/999999999999");
  await expect(page.getByRole("heading", { level: 1, name: "Issue not found" })).toBeVisible();
  await expect(page).toHaveTitle("Issue not found · Sift");
  await expect(page.getByRole("link", { name: "Back to issues" })).toBeVisible();
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in screen is titled for what it is", async ({ page }) => {
    await page.goto("/issues");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page).toHaveTitle("Sign in · Sift");
  });
});

test("a fresh load asks for the list once, from the page's first script, and that answer fills the rows", async ({
  page,
  request,
}) => {
  const delivery = errorCreatedBody({ title: `TypeError: e2e-early-list-${Date.now()}` });
  expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  const asked: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/issues") asked.push(new URL(request.url()).search);
  });
  await page.goto("/issues?sort=users&status=unresolved");
  const list = new IssuesPage(page);
  await expect(list.rows.first()).toBeVisible();
  // The page's inline script sent it (lib/query/early-list-request.ts) and the list took it: no
  // second request for the same rows, and nothing left on window for a later page to pick up.
  expect(asked).toEqual(["?sort=users&status=unresolved"]);
  expect(await page.evaluate(() => "__siftEarlyIssueList" in window)).toBe(false);
  const early = await page.evaluate(() =>
    [...document.head.querySelectorAll("script")].filter((script) =>
      script.textContent?.includes('"/api/issues?sort=users&status=unresolved"'),
    ),
  );
  expect(early).toHaveLength(1);
});

test.describe("in the reader's time zone", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("the rows are drawn before the page makes its first Intl object; the exact times then name the reader's zone", async ({
    page,
    request,
  }) => {
    const delivery = errorCreatedBody({ title: `TypeError: e2e-zone-${Date.now()}` });
    expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
    // The first Intl object loads ICU's locale data, 30–75 ms of the main thread: it must not be
    // part of the render that shows the rows (app/_components/format-count.ts, relative-time.tsx).
    await page.addInitScript(() => {
      const seen = window as unknown as { __firstIntl?: number; __firstRow?: number; __shownAt?: number };
      const intl = Intl as unknown as Record<string, object>;
      for (const name of [
        "NumberFormat",
        "DateTimeFormat",
        "Collator",
        "PluralRules",
        "RelativeTimeFormat",
      ]) {
        const original = intl[name] as (...args: unknown[]) => unknown;
        const note = () => {
          seen.__firstIntl ??= performance.now();
        };
        intl[name] = new Proxy(original, {
          construct: (target, args, newTarget) => {
            note();
            return Reflect.construct(target, args, newTarget);
          },
          apply: (target, self, args) => {
            note();
            return Reflect.apply(target, self, args);
          },
        });
      }
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="issue-row"]')) return;
        seen.__firstRow = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
      // ICU's load waits until the first screen is on the screen, not only until it is in the page.
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries() as (PerformanceEntry & {
          identifier: string;
          renderTime: number;
        })[])
          if (entry.identifier === "first-screen") seen.__shownAt ??= entry.renderTime;
      }).observe({ type: "element", buffered: true });
    });
    await page.goto("/issues");
    const list = new IssuesPage(page);
    const lastSeen = list.rows.first().locator("time").last();
    await expect(lastSeen).toHaveAttribute("title", /\(Europe\/Berlin\)$/);
    const { firstIntl, firstRow, shownAt } = await page.evaluate(() => {
      const seen = window as unknown as { __firstIntl?: number; __firstRow?: number; __shownAt?: number };
      return { firstIntl: seen.__firstIntl, firstRow: seen.__firstRow, shownAt: seen.__shownAt };
    });
    expect(firstRow).toBeDefined();
    expect(firstIntl).toBeDefined();
    expect(shownAt).toBeDefined();
    expect(firstIntl).toBeGreaterThan(firstRow ?? Number.POSITIVE_INFINITY);
    expect(firstIntl).toBeGreaterThan(shownAt ?? Number.POSITIVE_INFINITY);
  });
});

test("the first screen of rows is drawn alone; the rows below it follow once the browser has shown it", async ({
  page,
  request,
}) => {
  // More issues than one screen holds (720 px / 88 px ≈ 9 rows; use-first-screen-first.ts).
  const marker = `e2e-first-screen-${Date.now()}`;
  for (let issue = 0; issue < 12; issue++) {
    const delivery = errorCreatedBody({ title: `TypeError: ${marker}-${issue}` });
    expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  const list = new IssuesPage(page);
  await list.goto();
  const headers = { Authorization: `Bearer ${await accessToken(page)}` };
  await expect
    .poll(async () => {
      const answer = await request.get("/api/issues", { headers });
      const { items } = (await answer.json()) as { items: { title: string }[] };
      return items.filter((item) => item.title.includes(marker)).length;
    })
    .toBe(12);

  // What the browser reports: when a row title marked for Element Timing reached the screen (the
  // frame presented, after its raster), and how many rows the page held over time.
  await page.addInitScript(() => {
    const seen = window as unknown as {
      __shown?: { renderTime: number; onTitle: boolean }[];
      __rows?: { at: number; count: number }[];
    };
    seen.__shown = [];
    seen.__rows = [];
    new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries() as (PerformanceEntry & {
        identifier: string;
        renderTime: number;
        element: Element | null;
      })[]) {
        if (entry.identifier !== "first-screen") continue;
        seen.__shown?.push({
          renderTime: entry.renderTime,
          onTitle: Boolean(entry.element?.matches("[data-row-link]")),
        });
      }
    }).observe({ type: "element", buffered: true });
    new MutationObserver(() => {
      const count = document.querySelectorAll('[data-testid="issue-row"]').length;
      if (count !== seen.__rows?.at(-1)?.count) seen.__rows?.push({ at: performance.now(), count });
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("/issues");
  await expect.poll(() => list.rows.count()).toBeGreaterThanOrEqual(12);
  const { shown, rows } = await page.evaluate(() => {
    const seen = window as unknown as {
      __shown: { renderTime: number; onTitle: boolean }[];
      __rows: { at: number; count: number }[];
    };
    return { shown: seen.__shown, rows: seen.__rows.filter((step) => step.count > 0) };
  });
  const firstShown = shown.filter((entry) => entry.onTitle).sort((a, b) => a.renderTime - b.renderTime)[0];
  expect(firstShown, "a row title reported on screen").toBeDefined();
  expect(rows[0]?.count).toBeLessThanOrEqual(Math.ceil(720 / 88));
  const rest = rows.find((step) => step.count > (rows[0]?.count ?? 0));
  expect(rest, "the rows below the first screen were added").toBeDefined();
  expect(rest?.at).toBeGreaterThanOrEqual(firstShown?.renderTime ?? Number.POSITIVE_INFINITY);
});

test("the list and an issue page load without a failed request or a console error, favicon included", async ({
  page,
  request,
}) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  // Leaving a page cancels its live updates (ERR_ABORTED): that is not a failure.
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "";
    if (!reason.includes("ERR_ABORTED")) errors.push(`${reason} ${request.url()}`);
  });
  const delivery = errorCreatedBody({ title: `TypeError: e2e-clean-console-${Date.now()}` });
  expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  const list = new IssuesPage(page);
  await list.goto();
  await expect(list.rows.first()).toBeVisible();
  // The tab's icon: without a declared one the browser asks for /favicon.ico, a 404 on every page.
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveCount(1);
  expect((await request.get((await icon.getAttribute("href")) ?? "")).status()).toBe(200);
  const issue = new IssuePage(page);
  await issue.goto(delivery.issueId);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});
