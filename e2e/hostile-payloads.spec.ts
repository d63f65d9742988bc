import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { errorCreatedBody, hex, readFixture } from "@/test/sentry-webhook";
import { IssuePage } from "./pages/issue-page";
import { IssuesPage } from "./pages/issues-page";
import { deliverSigned } from "./support/deliver-signed";

// A sender who holds the webhook secret (or an app that puts user input into Sentry) controls
// every string Sift shows. Each string below must reach the page as text: if any runs, the
// marker is set or a dialog opens; if any becomes markup, the DOM check finds it.
const marker = "__siftPwned";
const run = Date.now();
const img = `<img src=x onerror="window.${marker}=1;alert(1)">`;
const script = `<script>window.${marker}=1;alert(1)</script>`;
const svg = `<svg onload="window.${marker}=1;alert(1)">`;
const jsUrl = "javascript:alert(document.domain)//";
// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the hostile string under test
const templates = "{{constructor.constructor('alert(1)')()}} ${alert(1)} <%= alert(1) %>";
const all = `${img} ${script} ${svg} ${jsUrl} ${templates}`;
const hostile = (label: string) => `${label} ${all}`;
const slug = `h${run}${img}`;

type Json = Record<string, unknown> & { data: Record<string, unknown> };

/** The real error.created fixture with every field Sift shows replaced by hostile text. */
function hostileError(options: { title: string; issueId?: string; traceId?: string; project: string }) {
  const delivery = errorCreatedBody({
    title: options.title,
    issueId: options.issueId,
    project: options.project,
  });
  const payload = JSON.parse(delivery.body) as Json;
  const error = payload.data.error as Record<string, unknown>;
  const exception = (error.exception as { values: Record<string, unknown>[] }).values[0] as Record<
    string,
    unknown
  >;
  const frame = (exception.stacktrace as { frames: Record<string, unknown>[] }).frames[0] as Record<
    string,
    unknown
  >;
  Object.assign(frame, {
    filename: `src/${img}.ts`,
    abs_path: `${jsUrl}app.js`,
    function: hostile("fn"),
    module: hostile("module"),
    context_line: hostile("context"),
    in_app: true,
  });
  Object.assign(exception, { type: `TypeError${svg}`, value: hostile("value") });
  Object.assign(error, {
    culprit: hostile("culprit"),
    message: hostile("message"),
    release: `${script}@1.0.${run}`,
    environment: `prod${svg}`,
    user: { id: `user${svg}`, username: hostile("username"), roles: [img, jsUrl, templates] },
    tags: [
      ["tenant_id", `tenant${img}`],
      ["hostile", hostile("tag")],
      ["url", jsUrl],
    ],
    request: { url: jsUrl, method: "GET", headers: [] },
    url: `https://sentry.io/api/0/projects/test-org/${slug}/events/${delivery.eventId}/`,
    web_url: `${jsUrl}events/${delivery.eventId}/`,
    contexts: options.traceId ? { trace: { type: "trace", trace_id: options.traceId, span_id: hex(8) } } : {},
  });
  return { body: JSON.stringify(payload), issueId: delivery.issueId };
}

/** Fails the test on any dialog; the page's CSP violations are collected for the end. */
async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return dialogs;
}

/** Nothing from the payloads became markup, ran, or became a javascript: link. */
async function expectInert(page: Page, dialogs: string[]) {
  const live = await page.evaluate((name) => {
    const elements = [...document.querySelectorAll("*")];
    return {
      ran: (window as unknown as Record<string, unknown>)[name] === 1,
      injectedImages: document.querySelectorAll('img[src="x"]').length,
      injectedSvgs: document.querySelectorAll("svg[onload]").length,
      inlineHandlers: elements.filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
      injectedScripts: [...document.scripts].filter((s) => !s.src && !s.nonce).length,
      javascriptLinks: [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].filter(
        (a) => a.protocol !== "http:" && a.protocol !== "https:",
      ).length,
      cspViolations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
    };
  }, marker);
  expect(live).toEqual({
    ran: false,
    injectedImages: 0,
    injectedSvgs: 0,
    inlineHandlers: 0,
    injectedScripts: 0,
    javascriptLinks: 0,
    cspViolations: [],
  });
  expect(dialogs).toEqual([]);
}

async function deliver(request: Parameters<typeof deliverSigned>[0], resource: string, body: string) {
  const res = await deliverSigned(request, resource, body);
  expect(res.status(), await res.text()).toBe(202);
  return res;
}

test("hostile strings in every payload field render as text on the list, issue and incident pages", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const dialogs = await watch(page);
  const rootTitle = hostile(`OperationalError e2e-hostile-${run}`);
  const symptomTitle = hostile(`TypeError e2e-hostile-symptom-${run}`);
  // Two issues in two projects failing in the same three traces: an incident forms.
  let rootId: string | undefined;
  let symptomId: string | undefined;
  for (let i = 0; i < 3; i++) {
    const traceId = hex(16);
    const root = hostileError({ title: rootTitle, issueId: rootId, traceId, project: "9301" });
    rootId = root.issueId;
    await deliver(request, "error", root.body);
    const symptom = hostileError({ title: symptomTitle, issueId: symptomId, traceId, project: "9302" });
    symptomId = symptom.issueId;
    await deliver(request, "error", symptom.body);
  }
  if (!rootId || !symptomId) throw new Error("no issue delivered");

  // Sentry's own record of the issue, a comment, Seer's findings and a metric alert, all hostile.
  const issue = JSON.parse(readFixture("webhook-issue-created.json")) as Json;
  Object.assign(issue.data.issue as Record<string, unknown>, {
    id: rootId,
    title: rootTitle,
    culprit: hostile("culprit"),
    project: { id: "9301", slug, name: hostile("project"), platform: "python" },
    permalink: jsUrl,
    web_url: jsUrl,
    lastSeen: new Date().toISOString(),
  });
  await deliver(request, "issue", JSON.stringify(issue));
  const comment = JSON.parse(readFixture("webhook-comment-created.json")) as Json;
  Object.assign(comment.data, { issue_id: Number(rootId), comment_id: run, comment: hostile("comment") });
  comment.actor = { type: "user", id: 1, name: hostile("author") };
  await deliver(request, "comment", JSON.stringify(comment));
  const rootCause = JSON.parse(readFixture("webhook-seer-root_cause_completed.json")) as Json;
  Object.assign(rootCause.data, {
    run_id: run,
    group_id: Number(rootId),
    root_cause: {
      description: hostile("seer"),
      steps: [
        {
          title: hostile("step"),
          code_snippet_and_analysis: hostile("analysis"),
          relevant_code_file: { file_path: `src/${img}.ts`, repo_name: hostile("repo") },
          is_most_important_event: true,
        },
      ],
    },
  });
  await deliver(request, "seer", JSON.stringify(rootCause));
  const pr = JSON.parse(readFixture("webhook-seer-pr_created.json")) as Json;
  Object.assign(pr.data, {
    run_id: run,
    group_id: Number(rootId),
    pull_requests: [
      { pull_request: { pr_number: 1, pr_url: jsUrl }, repo_name: hostile("repo"), provider: "github" },
    ],
  });
  await deliver(request, "seer", JSON.stringify(pr));
  const alert = JSON.parse(readFixture("webhook-metric_alert-resolved.json")) as Json;
  const metricAlert = alert.data.metric_alert as Record<string, unknown>;
  Object.assign(metricAlert, {
    id: String(run),
    title: hostile("alert"),
    projects: [slug],
    alert_rule: { ...(metricAlert.alert_rule as object), name: hostile("rule") },
  });
  Object.assign(alert.data, { web_url: jsUrl, description_text: hostile("alert text") });
  await deliver(request, "metric_alert", JSON.stringify(alert));

  const list = new IssuesPage(page);
  await list.goto();
  await list.expectAnalysed(rootTitle);
  await expect(list.rowFor(rootTitle)).toContainText(img);
  await expectInert(page, dialogs);

  const detail = new IssuePage(page);
  await detail.goto(rootId);
  await detail.expectTitle(rootTitle);
  await detail.expectAnalysed();
  await expect(page.getByText(hostile("comment"))).toBeVisible();
  await expect(page.getByText(hostile("seer"))).toBeVisible();
  await expect(page.getByRole("region", { name: "Alerts" })).toContainText(hostile("rule"));
  await expect(page.getByRole("region", { name: "Alerts" })).toContainText(hostile("alert text"));
  await expect(detail.eventRows.first()).toContainText(`user${svg}`);
  // The javascript: permalink was stored as no link.
  await expect(detail.openInSentryLink).toHaveCount(0);
  await expectInert(page, dialogs);

  await page.goto("/incidents");
  const card = page.getByRole("link", { name: new RegExp(`e2e-hostile-${run}`) });
  await expect(card).toBeVisible({ timeout: 45_000 });
  await expect(card).toContainText(img);
  await expectInert(page, dialogs);
  await card.click();
  await expect(page.getByRole("region", { name: /Symptoms/ })).toContainText(symptomTitle);
  await expectInert(page, dialogs);
});

function directivesOf(res: APIResponse): Map<string, string[]> {
  const policy = res.headers()["content-security-policy"] ?? "";
  return new Map(
    policy.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

test("pages and API answers carry a strict CSP and the usual security headers", async ({ request }) => {
  const page = await request.get("/issues");
  const again = await request.get("/issues");
  const csp = directivesOf(page);
  const scriptSrc = csp.get("script-src") ?? [];
  const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toBeTruthy();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  // A fresh nonce per answer, and it is the one on every script the page carries.
  expect(directivesOf(again).get("script-src")).not.toContain(`'nonce-${nonce}'`);
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(page.headers()["x-frame-options"]).toBe("DENY");

  const api = await request.get("/api/health/live");
  expect(directivesOf(api).get("default-src")).toEqual(["'none'"]);
  expect(directivesOf(api).get("frame-ancestors")).toEqual(["'none'"]);
  const webhook = await deliverSigned(request, "installation", "{}");
  expect(directivesOf(webhook).get("default-src")).toEqual(["'none'"]);
  for (const res of [page, api, webhook]) {
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["referrer-policy"]).toBe("no-referrer");
    expect(res.headers()["permissions-policy"]).toContain("camera=()");
    // next start runs in production.
    expect(res.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  }
});

test("markup that slipped into a page would run nothing, and only Sift may frame the callback page", async ({
  page,
  request,
}) => {
  const dialogs = await watch(page);
  await page.goto("/issues");
  // The second line of defence, should a string ever reach the DOM as markup: inline handlers
  // need a nonce, which injected markup cannot know.
  const ran = await page.evaluate(async (name) => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src=x onerror="window.${name}=1;alert(1)">`;
    document.body.append(holder);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = (window as unknown as Record<string, unknown>)[name] === 1;
    holder.remove();
    return result;
  }, marker);
  expect(ran).toBe(false);
  expect(dialogs).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual(["script-src-attr inline"]);
  // Every page Sift serves lives under the policy, the unknown-address page too.
  for (const path of ["/auth/callback", "/incidents", "/no-such-page"]) {
    await page.goto(path);
    await expect(page.locator("body")).not.toBeEmpty();
    expect(
      await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
      path,
    ).toEqual([]);
  }
  const callback = await request.get("/auth/callback");
  expect(directivesOf(callback).get("frame-ancestors")).toEqual(["'self'"]);
  expect(callback.headers()["x-frame-options"]).toBe("SAMEORIGIN");
});
