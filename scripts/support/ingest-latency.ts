// Latency mode of `npm run bench:ingest`: webhook → analysed issue latency on the production build.
// Starts its own OpenID provider and `next start` (PGlite in a temp folder, or BENCH_DATABASE_URL),
// posts N signed error.created deliveries one after another, and for each measures the webhook's
// response time and the time until GET /api/issues/{id} returns its analysis. The empty-ish
// /api/health route of the same build is timed in the same run as the framework's floor.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startIdp } from "@/dev/idp/start-idp";
import { startNextServer } from "@/test/next-server";
import { errorCreatedBody, sentryHeaders } from "@/test/sentry-webhook";
import { machineToken } from "@/test/tokens";
import { machineLine, writeBenchmarkSection } from "./benchmark-doc";

const N = Number(process.env.BENCH_N ?? 100);
const ports = {
  app: Number(process.env.BENCH_APP_PORT ?? 3400),
  idp: Number(process.env.BENCH_IDP_PORT ?? 4410),
};
const secret = "bench-secret";

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

export async function benchIngestLatency(): Promise<void> {
  const idp = await startIdp({
    port: ports.idp,
    redirectUris: [`http://localhost:${ports.app}/auth/callback`],
  });
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const server = await startNextServer(ports.app, {
    ...(databaseUrl
      ? { DATABASE_URL: databaseUrl }
      : { SIFT_DATA_DIR: mkdtempSync(path.join(tmpdir(), "sift-bench-")) }),
    OIDC_ISSUER: idp.issuer,
    SENTRY_CLIENT_SECRET: secret,
    SIFT_OWNERSHIP_RULES: "path:/runner #frontend",
  });
  const token = await machineToken(idp.issuer);

  try {
    const health: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      await (await fetch(`${server.url}/api/health`)).arrayBuffer();
      health.push(performance.now() - t0);
    }
    const accept: number[] = [];
    const analysed: number[] = [];
    for (let i = 0; i < N; i++) {
      const delivery = errorCreatedBody({ user: { id: `u-${i % 17}`, tenant_id: `t-${i % 5}` } });
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/webhooks/sentry`, {
        method: "POST",
        body: delivery.body,
        headers: sentryHeaders("error", delivery.body, secret),
      });
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
      accept.push(performance.now() - t0);
      for (;;) {
        const detail = await fetch(`${server.url}/api/issues/${delivery.issueId}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        if (detail.ok && ((await detail.json()) as { analysis: unknown }).analysis) break;
        if (performance.now() - t0 > 30_000) throw new Error("no analysis within 30 s");
        await new Promise((r) => setTimeout(r, 10));
      }
      analysed.push(performance.now() - t0);
    }
    const driver = databaseUrl ? "PostgreSQL (node-postgres)" : "PGlite (embedded)";
    const rows = [
      ["GET /api/health (floor)", health],
      ["POST /api/webhooks/sentry → 202", accept],
      ["webhook → analysis visible in API", analysed],
    ] as const;
    const table = rows.map(
      ([name, v]) =>
        `| ${name} | ${ms(quantile(v, 0.5))} | ${ms(quantile(v, 0.95))} | ${ms(Math.max(...v))} |`,
    );
    const ratio = quantile(accept, 0.5) / quantile(health, 0.5);
    const section = [
      `## Webhook ingest and analysis latency (${new Date().toISOString().slice(0, 10)}, ${driver})`,
      "",
      `Method: \`npm run bench:ingest\` — production build (\`next start\`), ${N} signed \`error.created\` deliveries`,
      "posted one after another from the same machine; for each, the time until the webhook answered 202 and",
      "until `GET /api/issues/{id}` (with a real access token) returned its analysis (polled every 10 ms).",
      machineLine(),
      "",
      "| measure | p50 | p95 | max |",
      "|---|---|---|---|",
      ...table,
      "",
      `Webhook p50 is ${ratio.toFixed(1)}× the health route's p50 in the same run.`,
      "",
    ].join("\n");
    writeBenchmarkSection(
      section,
      (part) => part.startsWith("## Webhook ingest and analysis latency") && part.includes(driver),
    );
  } finally {
    await server.stop();
    await idp.close();
  }
}
