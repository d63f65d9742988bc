import { type APIRequestContext, expect, test } from "@playwright/test";
import { type RunningServer, startNextServer } from "@/test/next-server";
import { type SentryApiServer, startSentryApiServer } from "@/test/sentry-api-server";
import { errorCreatedBody, hex, sentryHeaders } from "@/test/sentry-webhook";
import { e2eOwnershipRules } from "./global-setup";
import { IssueActionsPanel } from "./pages/issue-actions";
import { IssuePage } from "./pages/issue-page";
import { signIn } from "./pages/sign-in";
import { deliverSigned } from "./support/deliver-signed";
import { e2ePorts, e2eSecrets } from "./support/ports";

// A second production server whose Sentry API is a local stand-in (test/sentry-api-server.ts), so
// what a triager does on the issue page can be checked as the requests Sentry receives. Write-back
// is in comment mode (actions need it on); its own embedded database and worker.
const org = "acme";
const token = "e2e-actions-token";
const appUrl = `http://localhost:${e2ePorts.actions}`;
const teams = [
  { id: "100", slug: "frontend" },
  { id: "101", slug: "payments" },
];

let sentry: SentryApiServer;
let server: RunningServer;
// What the stand-in answers for each issue (its title and project), filled as tests create issues.
const issues: Record<string, unknown>[] = [];
// The issue the triager acted on, which the viewer then looks at.
let actedOn = "";

test.use({ baseURL: appUrl, storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sentry = await startSentryApiServer({ token, org, events: {}, teams, issues });
  server = await startNextServer(e2ePorts.actions, {
    SIFT_DATA_DIR: "memory://",
    SIFT_WORKER: "1",
    OIDC_ISSUER: `http://localhost:${e2ePorts.idp}`,
    SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
    SENTRY_APP_ID: e2eSecrets.appId,
    SENTRY_API_URL: sentry.url,
    SENTRY_API_TOKEN: token,
    SENTRY_ORG: org,
    SIFT_SENTRY_POLL_SECONDS: "0",
    SIFT_WRITEBACK: "comment",
    SIFT_OWNERSHIP_RULES: e2eOwnershipRules,
    SIFT_PUBLIC_URL: appUrl,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await sentry?.close();
});

/**
 * An event of a new (or given) issue through a signed error.created webhook; the stand-in answers
 * for the issue with the same title, project and platform, as Sentry would.
 */
async function sendError(
  request: APIRequestContext,
  event: {
    title: string;
    project?: string;
    platform?: string;
    issueId?: string;
    at?: number;
    traceId?: string;
  },
) {
  const created = errorCreatedBody(event);
  if (!issues.some((i) => i.id === created.issueId)) {
    const project = event.project ?? "1";
    const now = new Date().toISOString();
    issues.push({
      id: created.issueId,
      shortId: `P${project}-${issues.length + 1}`,
      title: event.title,
      culprit: "?(runner)",
      platform: event.platform ?? "javascript",
      project: {
        id: project,
        name: `p${project}`,
        slug: `p${project}`,
        platform: event.platform ?? "javascript",
      },
      firstSeen: now,
      lastSeen: now,
    });
  }
  const res = await request.post("/api/webhooks/sentry", {
    data: Buffer.from(created.body),
    headers: sentryHeaders("error", created.body, e2eSecrets.webhook),
  });
  expect(res.status()).toBe(202);
  return created.issueId;
}

const newIssue = (request: APIRequestContext, title: string) => sendError(request, { title });

const issueCalls = (issueId: string) =>
  sentry.requests.filter((r) => r.path === `/api/0/organizations/${org}/issues/${issueId}/`);

test("a triager resolves an issue and assigns its team from the issue page; Sentry receives exactly those writes", async ({
  page,
  request,
}) => {
  const issueId = await newIssue(request, `TypeError: act-${Date.now()} is not a function`);
  actedOn = issueId;
  await signIn(page, "bob");
  const detail = new IssuePage(page);
  await detail.goto(issueId);
  await detail.expectAnalysed({ owner: "#frontend" });
  const actions = new IssueActionsPanel(page);
  await expect(actions.off).toHaveCount(0);

  await actions.resolve.click();
  await expect(actions.request("resolve")).toContainText(/Resolve/);
  await expect(actions.request("resolve")).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
  // Sentry's answer is mirrored: the header shows the issue resolved, and the button reopens it.
  await expect(page.locator("header").getByText("resolved", { exact: true })).toBeVisible();
  await expect(actions.unresolve).toBeVisible();

  // The analysis named #frontend, so it is offered as the team.
  await expect(actions.team).toHaveValue("#frontend");
  await actions.assign.click();
  await expect(actions.request("assign")).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
  await expect(actions.request("assign")).toContainText("Assign to #frontend");
  await expect(page.getByTestId("assignee")).toHaveText("#frontend");

  const writes = issueCalls(issueId).filter((r) => r.method === "PUT");
  expect(writes.map((r) => r.body)).toEqual([{ status: "resolved" }, { assignedTo: "team:100" }]);
  expect(writes.every((r) => r.auth === `Bearer ${token}`)).toBe(true);
  // Nothing else was changed in Sentry: besides these, only the analysis's comment (comment mode).
  const others = sentry.requests.filter((r) => r.method !== "GET" && !issueCalls(issueId).includes(r));
  expect(others.map((r) => `${r.method} ${r.path}`)).toEqual([
    `POST /api/0/organizations/${org}/issues/${issueId}/comments/`,
  ]);
  expect(sentry.mismatches).toEqual([]);
  expect(sentry.workflow.get(issueId)?.status).toBe("resolved");
  expect(sentry.assignees.get(issueId)).toMatchObject({ type: "team", id: "100" });
});

test("a viewer sees what was done and by whom, but no action buttons", async ({ page, request }) => {
  await signIn(page, "carol");
  const detail = new IssuePage(page);
  await detail.goto(actedOn);
  const actions = new IssueActionsPanel(page);
  await expect(actions.request("resolve")).toHaveAttribute("data-status", "succeeded");
  await expect(actions.request("assign")).toContainText("by Bob Triager");
  await expect(page.getByRole("button", { name: /^(Resolve|Archive|Assign|Unresolve)/ })).toHaveCount(0);
  await expect(actions.team).toHaveCount(0);

  // An issue nobody acted on shows no panel at all to a viewer.
  const untouched = await newIssue(request, `TypeError: view-${Date.now()} is not a function`);
  await detail.goto(untouched);
  await expect(detail.summary).toBeVisible({ timeout: 20_000 });
  await expect(actions.panel).toHaveCount(0);
});

test("a triager resolves every issue of an incident from its page: one write per issue", async ({
  page,
  request,
}) => {
  const run = Date.now();
  const root = { title: `OperationalError: pool exhausted act-${run}`, project: "9201", platform: "python" };
  const web = { title: `TypeError: cart is undefined act-${run}`, project: "9202", platform: "javascript" };
  const ids = new Map<string, string>();
  for (let i = 0; i < 3; i++) {
    const trace = hex(16);
    const at = run - 60_000 + i * 5_000;
    for (const [issue, offset] of [
      [web, 300],
      [root, 0],
    ] as const) {
      ids.set(
        issue.title,
        await sendError(request, {
          ...issue,
          at: at + offset,
          traceId: trace,
          issueId: ids.get(issue.title),
        }),
      );
    }
  }
  await signIn(page, "bob");
  await page.goto("/incidents");
  const card = page.getByRole("link", { name: new RegExp(root.title) });
  await expect(card).toContainText("2 issues", { timeout: 30_000 });
  await card.click();

  const panel = page.getByRole("region", { name: "Actions in Sentry" });
  await panel.getByRole("button", { name: "Resolve all" }).click();
  await expect(panel.getByTestId("incident-action")).toHaveText("Resolve: 2 done in Sentry", {
    timeout: 20_000,
  });
  for (const issueId of ids.values()) {
    expect(
      issueCalls(issueId)
        .filter((r) => r.method === "PUT")
        .map((r) => r.body),
    ).toEqual([{ status: "resolved" }]);
    expect(sentry.workflow.get(issueId)?.status).toBe("resolved");
  }
  expect(sentry.mismatches).toEqual([]);
});

test.describe("on the e2e stack, which has no Sentry token and write-back off", () => {
  test.use({ baseURL: `http://localhost:${e2ePorts.app}`, storageState: "e2e/.auth/triager.json" });

  test("a triager sees the buttons disabled and why actions cannot reach Sentry", async ({
    page,
    request,
  }) => {
    const created = errorCreatedBody({ title: `TypeError: off-${Date.now()} is not a function` });
    expect((await deliverSigned(request, "error", created.body)).status()).toBe(202);
    const detail = new IssuePage(page);
    await detail.goto(created.issueId);
    const actions = new IssueActionsPanel(page);
    await expect(actions.off).toContainText("Write-back to Sentry is off (SIFT_WRITEBACK=off)");
    await expect(actions.resolve).toBeDisabled();
    await expect(actions.assign).toBeDisabled();
  });
});
