import { expect, test } from "@playwright/test";
import { errorCreatedBody, hex } from "@/test/sentry-webhook";
import { deliverSigned } from "./support/deliver-signed";

test("a cascade across three projects becomes one incident with the server issue as root; a triager splits one out", async ({
  page,
  request,
}) => {
  const run = Date.now();
  const root = { title: `OperationalError: pool exhausted e2e-${run}`, project: "9101", platform: "python" };
  const web = { title: `TypeError: cart is undefined e2e-${run}`, project: "9102", platform: "javascript" };
  const ios = { title: `NSURLErrorDomain: timed out e2e-${run}`, project: "9103", platform: "cocoa" };
  const noise = { title: `ReferenceError: unrelated e2e-${run}`, project: "9102", platform: "javascript" };
  const ids = new Map<string, string>();
  const send = async (issue: typeof root, at: number, traceId?: string) => {
    const delivery = errorCreatedBody({ ...issue, at, traceId, issueId: ids.get(issue.title) });
    ids.set(issue.title, delivery.issueId);
    expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
  };
  // Three requests fail on the API and then in the browser and the app, in the same traces; the
  // symptoms' deliveries come first, as they do when the server's SDK flushes later.
  const start = run - 60_000;
  for (let i = 0; i < 3; i++) {
    const trace = hex(16);
    const at = start + i * 5_000;
    await send(web, at + 300, trace);
    await send(ios, at + 700, trace);
    await send(root, at, trace);
  }
  await send(noise, start + 2_000, hex(16));

  await page.goto("/incidents");
  const card = page.getByRole("link", { name: new RegExp(root.title) });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText("3 issues", { timeout: 30_000 });
  await card.click();

  const rootSection = page.getByRole("region", { name: "Root" });
  await expect(rootSection).toContainText(root.title);
  await expect(rootSection).toContainText("first error in 3 of 3 shared traces");
  await expect(rootSection).toContainText("server side (python)");
  const symptoms = page.getByRole("region", { name: /Symptoms/ });
  await expect(symptoms).toContainText(web.title);
  await expect(symptoms).toContainText(ios.title);
  await expect(symptoms).toContainText("3 shared traces");
  await expect(page.getByText(noise.title)).toHaveCount(0);
  // The combined blast radius over time: drawn, and in words for screen readers.
  await expect(page.getByTestId("incident-timeline").locator("svg.recharts-surface")).toHaveCount(3);
  await expect(page.getByTestId("incident-timeline").getByTestId("blast-chart-summary")).toContainText(
    "9 events over",
  );

  // The issue page names its incident and root.
  await page.getByRole("link", { name: web.title }).click();
  await expect(page.getByTestId("issue-incident")).toContainText("Symptom");
  await expect(page.getByTestId("issue-incident")).toContainText(root.title);
  await page
    .getByTestId("issue-incident")
    .getByRole("link", { name: /Open incident/ })
    .click();

  // A triager splits the app's issue out; it stays out and the correction is logged with who.
  const iosRow = page.getByTestId("symptom").filter({ has: page.getByRole("link", { name: ios.title }) });
  await iosRow.getByRole("button", { name: "Split out" }).click();
  await expect(page.getByRole("region", { name: /Symptoms \(1\)/ })).not.toContainText(ios.title);
  await expect(page.getByRole("region", { name: "Corrections" })).toContainText(
    `split out issue ${ids.get(ios.title)}`,
  );
});
