// `npm run dev`: the whole dashboard on a fresh machine — embedded PGlite, the local OpenID provider,
// Next.js with Turbopack, and demo data replayed as signed webhooks through the real endpoint.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { replayDemo } from "@/dev/demo/replay-demo";
import { seededAccounts } from "@/dev/idp/accounts";
import { startIdp } from "@/dev/idp/start-idp";
import { devDefaults } from "./dev-defaults";

const root = path.resolve(import.meta.dirname, "..");
// SIFT_DEMO=0 starts empty: no sample post-mortems either.
if (process.env.SIFT_DEMO === "0") process.env.SIFT_POSTMORTEMS_DIR ??= "";
for (const [key, value] of Object.entries(devDefaults)) process.env[key] ??= value;
const port = Number(process.env.PORT ?? 3000);
const publicUrl = process.env.SIFT_PUBLIC_URL ?? `http://localhost:${port}`;
const idpPort = Number(new URL(process.env.OIDC_ISSUER ?? "http://localhost:4000").port || 80);
const localIssuer = process.env.OIDC_ISSUER === `http://localhost:${idpPort}`;

let idp: Awaited<ReturnType<typeof startIdp>> | null = null;
if (localIssuer && process.env.SIFT_DEV_IDP !== "0") {
  try {
    idp = await startIdp({
      port: idpPort,
      redirectUris: [`${publicUrl}/auth/callback`],
      postLogoutRedirectUris: [`${publicUrl}/auth/signed-out`],
    });
    console.log(`[sift dev] OpenID provider at ${idp.issuer}`);
  } catch (error) {
    console.warn(
      `[sift dev] could not start the local OpenID provider on ${idpPort} (${(error as Error).message}); using whatever answers there.`,
    );
  }
}

const next = spawn(path.join(root, "node_modules/.bin/next"), ["dev", "--port", String(port)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});

async function shutdown(code: number) {
  next.kill("SIGTERM");
  await idp?.close().catch(() => {});
  process.exit(code);
}
process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));

async function waitForHealth(): Promise<boolean> {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`http://localhost:${port}/api/health`);
      if (res.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

if (!(await waitForHealth())) {
  console.error("[sift dev] the dashboard did not become healthy within 2 minutes; see the output above.");
} else {
  const fixturesDir = process.env.SIFT_FIXTURES_DIR ?? path.resolve(root, "../shared/sentry/fixtures");
  if (process.env.SIFT_DEMO === "0") console.log("[sift dev] SIFT_DEMO=0: no demo data loaded.");
  else if (!existsSync(fixturesDir))
    console.warn(`[sift dev] no demo data: fixtures not found at ${fixturesDir} (set SIFT_FIXTURES_DIR).`);
  else {
    const result = await replayDemo({
      baseUrl: `http://localhost:${port}`,
      clientSecret: process.env.SENTRY_CLIENT_SECRET ?? "",
      fixturesDir,
      now: new Date(),
    });
    console.log(
      `[sift dev] demo data: ${result.accepted} new deliveries, ${result.duplicates} already loaded, ${result.failed.length} refused`,
    );
    for (const failure of result.failed.slice(0, 3))
      console.warn(`[sift dev]   refused (${failure.status}): ${failure.body}`);
  }
  const people = seededAccounts.map((a) => `${a.login} (${a.roles.join(", ")})`).join(", ");
  console.log(`\n  Sift is ready: ${publicUrl}\n  Sign in as ${people} — any password.\n`);
  void warmUp(`http://localhost:${port}`);
}

/**
 * Next compiles each page and API route on its first request in dev: the first click on an issue
 * waited 20 s here, and over a minute on a busy machine. The pages a newcomer opens first are
 * asked for once in the background (unsigned: the API routes answer 401, compiled all the same).
 */
async function warmUp(base: string) {
  const started = performance.now();
  for (const route of ["/issues", "/api/issues", "/issues/0", "/api/issues/0", "/incidents", "/models"]) {
    await fetch(`${base}${route}`).catch(() => {});
  }
  console.log(`[sift dev] first pages compiled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
