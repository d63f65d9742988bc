import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

export type PageLoad = {
  runs: number;
  /** p75 is the percentile Web Vitals judges LCP at (web.dev, "Defining the Core Web Vitals thresholds"). */
  lcp: { p50: number; p75: number; max: number };
  /** First Contentful Paint of the same loads: the server's HTML shell, before any script has run. */
  fcp: { p50: number };
  firstRow: { p50: number; max: number };
  /** When the page's first /api/issues request started and when its answer had arrived (resource timing). */
  listRequest: { startP50: number; endP50: number };
  scriptBytesGzip: number;
  scripts: number;
};

const debianChromium = "/usr/lib/chromium/chromium";
const LCP_SETTLE_MS = 1500;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;
const median = (values: number[]) => quantile(values, 0.5);

/**
 * Where the page is loaded. `regular`: a browser profile on disk, as an engineer's own browser is;
 * Chromium keeps V8's code cache there, so a repeat visit does not compile the page's scripts again.
 * `private`: a Playwright context (like a private window), whose loads compiled every script anew —
 * traced, no script was read from a code cache (docs/benchmarks.md, "Private windows compile every
 * script anew").
 */
export type BrowserProfile = "regular" | "private";

/** Loads before the measured ones: Chromium writes a script's code cache on its second load. */
const WARM_LOADS = 2;

const launchOptions = existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    }
  : {};

async function openContext(profile: BrowserProfile, appUrl: string) {
  const options = { baseURL: appUrl, viewport: { width: 1440, height: 900 } };
  if (profile === "regular") {
    const directory = mkdtempSync(path.join(tmpdir(), "sift-bench-profile-"));
    const context = await chromium.launchPersistentContext(directory, { ...launchOptions, ...options });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const browser = await chromium.launch(launchOptions);
  return { context: await browser.newContext(options), close: () => browser.close() };
}

/**
 * Signs in through the real IdP in Chromium, loads /issues twice more, then `runs` times in fresh
 * tabs of the signed-in profile: the browser's own Largest Contentful Paint, the time from navigation
 * start until the first issue row is in the page (the list is fetched after sign-in state is read, so
 * LCP alone can be the heading), when the list's API request went out and was answered (what LCP
 * waits on), and the gzipped size of every script the first load fetched.
 */
export async function measurePageLoad(options: {
  appUrl: string;
  login: string;
  runs: number;
  profile: BrowserProfile;
}): Promise<PageLoad> {
  const { context, close } = await openContext(options.profile, options.appUrl);
  try {
    const signIn = await context.newPage();
    await signIn.goto("/");
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.locator("input[name=login]").fill(options.login);
    await signIn.locator("input[name=password]").fill("sift-dev");
    await signIn.locator("button[type=submit]").click();
    await signIn.waitForURL((url) => url.pathname === "/issues", { timeout: 30_000 });
    await signIn.close();

    // The first row is noted by a MutationObserver the page gets before its own scripts, and reported
    // through a binding: polling for it (Playwright's locators) ran on the main thread the page
    // renders on and added ~46 ms to its LCP (docs/benchmarks.md).
    let rowShown: (at: number) => void = () => {};
    await context.exposeBinding("__siftBenchRowShown", (_source, at: number) => rowShown(at));
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="issue-row"]')) return;
        observer.disconnect();
        (window as unknown as { __siftBenchRowShown: (at: number) => void }).__siftBenchRowShown(
          performance.now(),
        );
      }).observe(document, { childList: true, subtree: true });
    });

    const lcps: number[] = [];
    const fcps: number[] = [];
    const firstRows: number[] = [];
    const requestStarts: number[] = [];
    const requestEnds: number[] = [];
    let scriptBytesGzip = 0;
    let scripts = 0;
    for (let run = -WARM_LOADS; run < options.runs; run++) {
      const page = await context.newPage();
      const bodies: Promise<Buffer>[] = [];
      if (run === -WARM_LOADS)
        page.on("response", (response) => {
          if (response.request().resourceType() === "script")
            bodies.push(response.body().catch(() => Buffer.alloc(0)));
        });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const shown = new Promise<number>((resolve, reject) => {
        rowShown = resolve;
        timer = setTimeout(() => reject(new Error("no issue row within 30 s")), 30_000);
      });
      await page.goto("/issues");
      const firstRow = await shown.finally(() => clearTimeout(timer));
      const fcp = await page.evaluate(
        () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
      );
      const request = await page.evaluate(() => {
        const entry = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((e) =>
          new URL(e.name).pathname.startsWith("/api/issues"),
        );
        return entry ? { start: entry.startTime, end: entry.responseEnd } : null;
      });
      // The rows' paint reaches the screen a frame or more after they are in the DOM, and only then
      // is their LCP entry written: read it once the page has settled, or the entry before (the
      // session check's text) would be taken for the page's LCP.
      await page.waitForTimeout(LCP_SETTLE_MS);
      const lcp = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1]?.startTime ?? Number.NaN);
            }).observe({ type: "largest-contentful-paint", buffered: true });
          }),
      );
      if (run >= 0) {
        firstRows.push(firstRow);
        fcps.push(fcp);
        requestStarts.push(request?.start ?? Number.NaN);
        requestEnds.push(request?.end ?? Number.NaN);
        lcps.push(lcp);
      }
      if (run === -WARM_LOADS) {
        // Playwright hands over the decoded body: gzip it again to count what travels compressed.
        for (const body of await Promise.all(bodies)) {
          scriptBytesGzip += gzipSync(body).length;
          scripts++;
        }
      }
      await page.close();
    }
    return {
      runs: options.runs,
      lcp: { p50: median(lcps), p75: quantile(lcps, 0.75), max: Math.max(...lcps) },
      fcp: { p50: median(fcps) },
      firstRow: { p50: median(firstRows), max: Math.max(...firstRows) },
      listRequest: { startP50: median(requestStarts), endP50: median(requestEnds) },
      scriptBytesGzip,
      scripts,
    };
  } finally {
    await close();
  }
}
