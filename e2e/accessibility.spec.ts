import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { errorCreatedBody, hex } from "@/test/sentry-webhook";
import { signIn } from "./pages/sign-in";
import { accessToken } from "./support/access-token";
import { appScreens } from "./support/app-pages";
import { deliverSigned } from "./support/deliver-signed";

/**
 * axe-core over every screen of the dashboard, signed out and as a viewer and an admin, at desktop
 * and phone width, in the light and the dark colour scheme. A serious or critical violation fails
 * the run; lesser ones are printed. The screens come from the file tree (app/**\/page.tsx and
 * friends), and a screen without an entry in `scans` below fails the first test.
 */

type Who = "signed-out" | "viewer" | "admin";
const logins: Record<Exclude<Who, "signed-out">, string> = { viewer: "carol", admin: "alice" };

/** What the spec delivered before the scans: the pages with data are opened on these. */
type Seed = {
  issueId: string;
  symptomId: string;
  projectId: string;
  tenant: string;
  release: string;
  incidentPath?: string;
  postmortemPath?: string;
};

type Scan = {
  /** What this scan shows, as the failure report names it. */
  name: string;
  path: (seed: Seed) => string;
  /** Waits until the page shows what is to be scanned, not its loading state. */
  ready: (page: Page) => Promise<void>;
  /** Who opens it; default viewer and admin (an admin page is scanned as the viewer's refusal too). */
  who?: Who[];
  /** The page only redirects: checked, not scanned (its target has scans of its own). */
  redirectsTo?: string;
};

const signedIn: Who[] = ["viewer", "admin"];
const heading = (page: Page, name: string | RegExp) =>
  expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
/** The loading placeholders are marked aria-busy; a scan of a spinner proves nothing. */
const settled = (page: Page) => expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

/**
 * One entry per screen under app/ (keyed as `appScreens` names it), each with one scan or more.
 * A new page needs an entry here: a path to open, what to wait for, and who opens it.
 */
const scans: Record<string, Scan[]> = {
  "/": [{ name: "home", path: () => "/", ready: async () => {}, redirectsTo: "/issues" }],
  "/issues": [
    {
      name: "sign-in screen",
      path: () => "/issues",
      ready: (page) => expect(page.getByRole("button", { name: "Sign in" })).toBeVisible(),
      who: ["signed-out"],
    },
    {
      name: "issue list with data",
      path: () => "/issues",
      ready: async (page) => {
        await expect(page.getByTestId("issue-row").first()).toBeVisible();
        await settled(page);
      },
    },
    {
      name: "issue list, empty filtered state",
      path: (seed) => `/issues?q=no-such-issue-${seed.issueId}&level=fatal`,
      ready: (page) =>
        expect(page.getByRole("heading", { name: "No issues match these filters" })).toBeVisible(),
    },
  ],
  "/issues/[issueId]": [
    {
      name: "issue page",
      path: (seed) => `/issues/${seed.symptomId}`,
      ready: async (page) => {
        await expect(page.getByTestId("analysis-summary")).toBeVisible({ timeout: 30_000 });
        await expect(page.getByTestId("issue-incident")).toBeVisible({ timeout: 30_000 });
        await settled(page);
      },
    },
    {
      name: "issue page, not found",
      path: () => "/issues/1",
      ready: (page) => heading(page, "Issue not found"),
    },
  ],
  "/incidents": [
    {
      name: "incident list",
      path: () => "/incidents",
      ready: async (page) => {
        await expect(page.locator('a[href^="/incidents/"]').first()).toBeVisible();
        await settled(page);
      },
    },
  ],
  "/incidents/[incidentId]": [
    {
      name: "incident page",
      path: (seed) => seed.incidentPath ?? "/incidents/unknown",
      ready: async (page) => {
        await expect(page.getByRole("region", { name: "Root" })).toBeVisible();
        await settled(page);
      },
    },
  ],
  "/models": [
    {
      name: "models",
      path: () => "/models",
      ready: async (page) => {
        await heading(page, "Models");
        await settled(page);
      },
    },
  ],
  "/admin/audit": [
    {
      name: "audit log",
      path: () => "/admin/audit",
      ready: async (page) => {
        await heading(page, "Audit log");
        await settled(page);
      },
    },
  ],
  "/admin/jobs": [
    {
      name: "failed jobs",
      path: () => "/admin/jobs",
      ready: async (page) => {
        await heading(page, "Failed jobs");
        await settled(page);
      },
    },
  ],
  "/admin/projects": [
    {
      name: "projects",
      path: () => "/admin/projects",
      ready: async (page) => {
        await heading(page, "Projects");
        await settled(page);
      },
    },
  ],
  "/tenants/[tenant]": [
    {
      name: "tenant page",
      path: (seed) => `/tenants/${encodeURIComponent(seed.tenant)}`,
      ready: async (page) => {
        await expect(page.getByTestId("tenant-figures")).toBeVisible();
        await settled(page);
      },
    },
  ],
  "/teams/[team]": [
    {
      name: "team queue",
      path: () => "/teams/frontend",
      ready: async (page) => {
        await expect(page.getByTestId("team-figures")).toBeVisible();
        await settled(page);
      },
    },
  ],
  "/releases/[release]": [
    {
      name: "release page",
      path: (seed) => `/releases/${encodeURIComponent(seed.release)}`,
      ready: async (page) => {
        await expect(page.getByTestId("release-figures")).toBeVisible();
        await settled(page);
      },
    },
  ],
  "/postmortems/[postmortemId]": [
    {
      name: "post-mortem",
      path: (seed) => seed.postmortemPath ?? "/postmortems/999999999",
      ready: async (page) => {
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await settled(page);
      },
    },
  ],
  "/admin/postmortems": [
    {
      name: "post-mortems admin",
      path: () => "/admin/postmortems",
      ready: async (page) => {
        await heading(page, "Post-mortems");
        await settled(page);
      },
    },
  ],
  "/auth/signed-out": [
    {
      name: "signed out",
      path: () => "/auth/signed-out",
      ready: (page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible(),
      who: ["signed-out"],
    },
  ],
  "/auth/callback": [
    {
      name: "sign-in callback, failed",
      path: () => "/auth/callback",
      ready: (page) => expect(page.getByRole("heading", { name: "Sign-in failed" })).toBeVisible(),
      who: ["signed-out"],
    },
  ],
  "not-found /": [
    {
      name: "unknown address",
      path: () => "/no-such-page",
      ready: (page) => heading(page, "Page not found"),
      who: ["signed-out", "viewer"],
    },
  ],
};

test("every screen under app/ has an accessibility scan", () => {
  const screens = appScreens();
  expect(screens.length).toBeGreaterThan(5);
  const missing = screens
    .filter((screen) => !scans[screen.route]?.length)
    .map(
      (screen) =>
        `${screen.file} (route "${screen.route}") has no accessibility scan. Add an entry` +
        ` "${screen.route}": [{ name, path, ready }] to \`scans\` in e2e/accessibility.spec.ts: the address` +
        " to open (from the seeded data if it needs an id), what to wait for before scanning, and" +
        " `who` if not the viewer and the admin.",
    );
  const known = new Set(screens.map((screen) => screen.route));
  const stale = Object.keys(scans)
    .filter((route) => !known.has(route))
    .map(
      (route) => `scans["${route}"] in e2e/accessibility.spec.ts matches no screen under app/: remove it.`,
    );
  expect([...missing, ...stale], [...missing, ...stale].join("\n")).toEqual([]);
});

let seeded: Promise<Seed> | undefined;

/**
 * Two issues in one incident (a server failure and the browser error it causes, in shared traces),
 * delivered once for the whole file.
 */
function seed(request: APIRequestContext): Promise<Seed> {
  seeded ??= (async () => {
    const run = Date.now();
    const projectId = String(9200 + (run % 97));
    const root = {
      title: `OperationalError: a11y pool exhausted ${run}`,
      project: String(9300 + (run % 97)),
      platform: "python",
    };
    const web = {
      title: `TypeError: a11y cart is undefined ${run}`,
      project: projectId,
      platform: "javascript",
    };
    const tenant = `a11y-tenant-${run}`;
    const release = `web@a11y-${run}`;
    const ids = new Map<string, string>();
    for (let i = 0; i < 3; i++) {
      const trace = hex(16);
      const at = run - 60_000 + i * 5_000;
      for (const [issue, offset] of [
        [web, 300],
        [root, 0],
      ] as const) {
        const delivery = errorCreatedBody({
          ...issue,
          at: at + offset,
          traceId: trace,
          issueId: ids.get(issue.title),
          ...(issue === web
            ? {
                user: { id: `a11y-user-${i}`, tenant_id: tenant },
                tags: [["release", release]] as [string, string][],
              }
            : {}),
        });
        ids.set(issue.title, delivery.issueId);
        expect((await deliverSigned(request, "error", delivery.body)).status()).toBe(202);
      }
    }
    return {
      issueId: ids.get(root.title) ?? "",
      symptomId: ids.get(web.title) ?? "",
      projectId,
      tenant,
      release,
    };
  })();
  return seeded;
}

/** The incident the seeded issues formed, read off the symptom's page once analysis has grouped them. */
async function findIncident(page: Page, seed: Seed): Promise<void> {
  if (seed.incidentPath) return;
  await page.goto(`/issues/${seed.symptomId}`);
  const link = page.getByTestId("issue-incident").getByRole("link", { name: /Open incident/ });
  await expect(link).toBeVisible({ timeout: 45_000 });
  seed.incidentPath = (await link.getAttribute("href")) ?? undefined;
}

let auditEntryMade = false;

/** An admin changes the seeded project's write-back mode and back, so the audit log has rows to scan. */
async function makeAuditEntry(page: Page, seed: Seed): Promise<void> {
  if (auditEntryMade) return;
  await page.goto("/admin/projects");
  const mode = page.locator(`#writeback-${seed.projectId}`);
  for (const value of ["comment", "default"]) {
    const saved = page.waitForResponse(
      (res) =>
        res.url().endsWith(`/api/projects/${seed.projectId}/settings`) && res.request().method() !== "GET",
    );
    await mode.selectOption(value);
    expect((await saved).ok()).toBe(true);
  }
  const upload = await page.request.post("/api/admin/postmortems", {
    headers: { Authorization: `Bearer ${await accessToken(page)}` },
    data: {
      title: `Cart outage ${seed.symptomId}`,
      markdown: "# Cart outage\n\nDate: 2026-11-02\n\n## Root cause\n\n`TypeError` in `renderCart`.\n",
    },
  });
  expect(upload.status()).toBe(201);
  seed.postmortemPath = `/postmortems/${(await upload.json()).id}`;
  auditEntryMade = true;
}

type Finding = { scan: string; impact: string; rule: string; help: string; nodes: string[] };

// Every screen in each look: both widths in light, and desktop in dark (the dark palette is the same
// at every width; the phone layout is the same in either scheme).
const looks = [
  { colorScheme: "light", width: 1440, height: 900 },
  { colorScheme: "light", width: 390, height: 844 },
  { colorScheme: "dark", width: 1440, height: 900 },
] as const;
type Look = (typeof looks)[number];

async function applyLook(page: Page, look: Look): Promise<void> {
  await page.emulateMedia({ colorScheme: look.colorScheme });
  await page.setViewportSize({ width: look.width, height: look.height });
}

/**
 * Loads each screen once and scans it in every look, the page resized and its scheme switched in
 * place (the pages follow both as they change: CSS media queries, and `useMediaQuery` for the list's
 * cards). One load per look made the loads, not axe, most of this spec's time in CI.
 */
async function scanAll(page: Page, who: Who, seed: Seed): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const entry of Object.values(scans).flat()) {
    if (!(entry.who ?? signedIn).includes(who)) continue;
    await applyLook(page, looks[0]);
    await page.goto(entry.path(seed));
    if (entry.redirectsTo) {
      await page.waitForURL((url) => url.pathname === entry.redirectsTo);
      continue;
    }
    for (const look of looks) {
      await applyLook(page, look);
      await entry.ready(page);
      // Legacy mode runs axe in the page itself; the default opens a second page per scan to merge
      // frame results, which Sift's pages (no frames) do not need: a scan took ~3× as long. Only
      // violations are read, so passes and incomplete results are not built and sent back.
      const result = await new AxeBuilder({ page })
        .setLegacyMode()
        .options({ resultTypes: ["violations"] })
        .analyze();
      for (const violation of result.violations) {
        findings.push({
          scan: `${entry.name} (${look.width} px ${look.colorScheme})`,
          impact: violation.impact ?? "unknown",
          rule: violation.id,
          help: violation.help,
          nodes: violation.nodes.map(
            (node) =>
              `${node.target.join(" ")}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, " ")}` : ""}`,
          ),
        });
      }
    }
  }
  return findings;
}

const describe = (f: Finding) =>
  `${f.scan}: ${f.impact} ${f.rule} (${f.help})\n${f.nodes.map((node) => `    ${node}`).join("\n")}`;

test.describe("axe", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  // The admin goes before the viewer: it uploads the post-mortem both then scan.
  for (const who of ["signed-out", "admin", "viewer"] as const) {
    test(`no serious or critical axe violation on any screen, ${who}`, async ({ page, request }) => {
      test.setTimeout(420_000);
      const data = await seed(request);
      if (who !== "signed-out") {
        await signIn(page, logins[who]);
        await findIncident(page, data);
        if (who === "admin") await makeAuditEntry(page, data);
      }
      const findings = await scanAll(page, who, data);
      const other = findings.filter((f) => f.impact !== "serious" && f.impact !== "critical");
      if (other.length > 0) console.log(`axe, ${who} (not failing):\n${other.map(describe).join("\n")}`);
      const blocking = findings.filter((f) => !other.includes(f));
      expect(blocking, blocking.map(describe).join("\n")).toEqual([]);
    });
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({
      colorScheme,
      viewport: { width: 1440, height: 900 },
      storageState: { cookies: [], origins: [] },
    });

    test("the colour scheme is the system's and the keyboard focus shows", async ({ page }) => {
      await page.goto("/issues");
      const signInButton = page.getByRole("button", { name: "Sign in" });
      await expect(signInButton).toBeVisible();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const luminance = await page.evaluate((colour) => {
        // The browser resolves any CSS colour to rgb() on a canvas; oklch() included.
        const context = document.createElement("canvas").getContext("2d");
        if (!context) return Number.NaN;
        context.fillStyle = colour;
        context.fillRect(0, 0, 1, 1);
        const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
        return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
      }, background);
      if (colorScheme === "dark") expect(luminance).toBeLessThan(0.2);
      else expect(luminance).toBeGreaterThan(0.9);

      await page.keyboard.press("Tab");
      await expect(signInButton).toBeFocused();
      const outline = await signInButton.evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
      });
      expect(outline.style).not.toBe("none");
      expect(outline.width).toBeGreaterThanOrEqual(2);
    });
  });
}
