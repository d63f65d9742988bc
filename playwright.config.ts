import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2ePorts } from "./e2e/support/ports";

// Debian's Chromium where it is installed (CI here cannot download Playwright's browsers);
// elsewhere Playwright's own browser.
const debianChromium = "/usr/lib/chromium/chromium";
const launchOptions = existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.(spec|setup)\.ts/,
  fullyParallel: false,
  // Two lanes, one per project: the browser specs share one server and database and run one at a
  // time; the robustness specs (servers and databases of their own, mostly waiting on restarts and
  // faults) run one at a time beside them. Serial, the two took most of CI's 20 minutes.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://localhost:${e2ePorts.app}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    // No browser: production servers of their own, crashed, starved of their database and fuzzed.
    // It needs no signed-in browser, but Playwright runs a project only after every project of the
    // phase before (setup and whatever has no dependency): depending on setup puts it beside chromium.
    {
      name: "robustness",
      testDir: "e2e/robustness",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      workers: 1,
    },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts/,
      testIgnore: /robustness\//,
      dependencies: ["setup"],
      workers: 1,
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/triager.json" },
    },
  ],
});
