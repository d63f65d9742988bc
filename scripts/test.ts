// `npm test`: lint and type check, then every test, on real parts. Unit and data-layer tests (vitest; the data layer on PGlite
// and on a fresh PostgreSQL database), then a production build driven by Playwright in Chromium.
// Prints one closing line "tests: N passed, N failed" and fails when anything failed, was skipped or
// when no test ran at all.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".data/test-results");
// Stale reports from an earlier run must never be counted.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const fixtures = process.env.SIFT_FIXTURES_DIR ?? path.resolve(root, "../shared/sentry/fixtures");

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

if (!existsSync(path.join(fixtures, "webhooks"))) {
  console.error(
    `Sentry fixtures not found at ${fixtures}: put the shared/ folder beside the checkout or set SIFT_FIXTURES_DIR.`,
  );
  process.exit(1);
}

const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const names = { data: `sift_test_${suffix}`, e2e: `sift_e2e_${suffix}` };
try {
  await withAdmin(async (client) => {
    for (const name of Object.values(names)) await client.query(`create database ${name}`);
  });
} catch (error) {
  console.error(`Cannot create test databases through ${adminUrl} (${(error as Error).message}).`);
  console.error(
    "Start PostgreSQL or point TEST_PG_ADMIN_URL at a server where this user may CREATE DATABASE.",
  );
  process.exit(1);
}

const common = { NEXT_TELEMETRY_DISABLED: "1", SIFT_FIXTURES_DIR: fixtures };
const failedSteps: string[] = [];
try {
  if ((await run("npm", ["run", "--silent", "lint"], common)) !== 0) failedSteps.push("lint");
  const vitestJson = path.join(out, "vitest.json");
  const vitestArgs = [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
  ];
  if ((await run("npx", vitestArgs, { ...common, TEST_DATABASE_URL: databaseUrl(names.data) })) !== 0) {
    failedSteps.push("unit and data-layer tests");
  }
  if ((await run("npx", ["next", "build"], { ...common, NODE_ENV: "production" })) !== 0) {
    failedSteps.push("production build (browser tests not run)");
  } else {
    const e2eEnv = {
      ...common,
      E2E_DATABASE_URL: databaseUrl(names.e2e),
      PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(out, "playwright.json"),
    };
    if ((await run("npx", ["playwright", "test"], e2eEnv)) !== 0) failedSteps.push("browser tests");
  }
} finally {
  await withAdmin(async (client) => {
    for (const name of Object.values(names))
      await client.query(`drop database if exists ${name} with (force)`);
  }).catch((error) => console.warn(`could not drop test databases: ${(error as Error).message}`));
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const vitest = readJson(path.join(out, "vitest.json")) as {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
} | null;
const playwright = readJson(path.join(out, "playwright.json")) as {
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
} | null;
const passed =
  (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped =
  (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
console.log(
  `\nunit+data: ${vitest ? `${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed` : "no report"}; browser: ${playwright ? `${playwright.stats?.expected} passed, ${playwright.stats?.unexpected} failed` : "no report"}`,
);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
const problems = [
  ...failedSteps.map((step) => `${step} failed`),
  ...(skipped > 0 ? ["skipped tests count as failures: every test must run"] : []),
  ...(passed === 0 ? ["no test ran"] : []),
  ...(!vitest ? ["no vitest report"] : []),
  ...(!playwright ? ["no Playwright report"] : []),
];
if (failed > 0 || problems.length > 0) {
  console.error(`Test run failed: ${problems.join("; ") || `${failed} failed`}.`);
  process.exit(1);
}
