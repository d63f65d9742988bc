// `npm run bench:ui`: the dashboard's speed at scale, on the production build (`npm run build` first)
// over a PostgreSQL database filled by `npm run seed:large` (BENCH_DATABASE_URL). For each issue-list
// filter and sort, the issue, incident and tenant APIs: latency p50/p95 of sequential requests, with
// the empty route (/api/health/live) measured in the same run as the reference; then, in Chromium,
// the list page's Largest Contentful Paint, the time until its first issue row shows, and the
// JavaScript it loads (gzipped). Writes its section of docs/benchmarks.md.
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { startIdp } from "@/dev/idp/start-idp";
import { startNextServer } from "@/test/next-server";
import { machineToken } from "@/test/tokens";
import { machineLine, writeBenchmarkSection } from "./support/benchmark-doc";
import { measurePageLoad } from "./support/page-load";

const databaseUrl = process.env.BENCH_DATABASE_URL;
// A p95 of 40 requests is the second-worst of them: one stall of the shared machine moved it past the
// target. 100 make it the fifth-worst.
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
// Page loads move by ±150 ms with the machine's load: enough of them for a median to mean something.
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const appPort = Number(process.env.BENCH_APP_PORT ?? 3450);
const idpPort = Number(process.env.BENCH_IDP_PORT ?? 4450);
const root = path.resolve(import.meta.dirname, "..");

if (!databaseUrl) {
  console.error("Set BENCH_DATABASE_URL to a PostgreSQL database filled by `npm run seed:large`.");
  process.exit(2);
}
if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.error("No production build: run `npm run build` first.");
  process.exit(2);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

type Sample = { name: string; path: string; target: number };

/** Values that exist in the seeded data, so every filter has rows to find. */
async function sampleValues() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (query: string) => {
      const { rows } = await client.query(query);
      return rows[0] ? String(Object.values(rows[0])[0]) : null;
    };
    const values = {
      issues: Number(await one("select count(*) from issues")),
      events: Number(await one("select count(*) from events")),
      tenants: Number(await one("select count(distinct tenant_id) from issue_tenants")),
      hotIssue: await one("select id from issues order by event_count desc limit 1"),
      typicalIssue: await one("select id from issues order by last_seen desc offset 100 limit 1"),
      project: await one("select slug from projects order by id limit 1"),
      release: await one(
        "select release from events where release is not null order by occurred_at desc limit 1",
      ),
      tenant: await one("select tenant_id from issue_tenants group by 1 order by count(*) desc limit 1"),
      user: await one("select user_id from issue_users group by 1 order by count(*) desc limit 1"),
      owner: await one("select owner->>'owner' from analyses where owner->>'owner' is not null limit 1"),
      incident: await one("select id from incidents order by issue_count desc limit 1"),
    };
    if (!values.issues)
      throw new Error("BENCH_DATABASE_URL holds no issues: run `npm run seed:large` into it first.");
    return values;
  } finally {
    await client.end();
  }
}

async function timeRequests(
  url: string,
  token: string,
  runs: number,
): Promise<{ ms: number[]; status: number }> {
  const ms: number[] = [];
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
    status = res.status;
  }
  return { ms, status };
}

const values = await sampleValues();
const appUrl = `http://localhost:${appPort}`;
const idp = await startIdp({
  port: idpPort,
  redirectUris: [`${appUrl}/auth/callback`],
  postLogoutRedirectUris: [`${appUrl}/`],
});
const server = await startNextServer(
  appPort,
  {
    DATABASE_URL: databaseUrl,
    OIDC_ISSUER: idp.issuer,
    SENTRY_CLIENT_SECRET: "bench-ui-secret",
    SIFT_PUBLIC_URL: appUrl,
    // The worker would be analysing the seed's backlog meanwhile: measure the pages alone.
    SIFT_WORKER: "0",
  },
  { quiet: true },
);

try {
  const token = await machineToken(idp.issuer);
  const q = (params: Record<string, string | null>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    return `/api/issues?${search}`;
  };
  const samples: Sample[] = [
    { name: "list: newest first (no filter)", path: q({}), target: 50 },
    ...["users", "tenants", "events", "priority"].map((sort) => ({
      name: `list: sort ${sort}`,
      path: q({ sort }),
      target: 50,
    })),
    { name: "list: project", path: q({ project: values.project }), target: 50 },
    { name: "list: environment", path: q({ environment: "production" }), target: 50 },
    { name: "list: level", path: q({ level: "fatal" }), target: 50 },
    { name: "list: status", path: q({ status: "ignored" }), target: 50 },
    { name: "list: owner team", path: q({ owner: values.owner }), target: 50 },
    { name: "list: category", path: q({ category: "database" }), target: 50 },
    { name: "list: priority tier", path: q({ priority: "P1" }), target: 50 },
    { name: "list: tenant", path: q({ tenant: values.tenant }), target: 50 },
    { name: "list: user", path: q({ user: values.user }), target: 50 },
    { name: "list: release", path: q({ release: values.release }), target: 50 },
    { name: "list: period 24h", path: q({ period: "24h" }), target: 50 },
    { name: "list: incident", path: q({ incident: values.incident }), target: 50 },
    { name: "list: search", path: q({ q: "timed out" }), target: 50 },
    { name: "list: tenant + sort users", path: q({ tenant: values.tenant, sort: "users" }), target: 50 },
    { name: "issue page API (hottest issue)", path: `/api/issues/${values.hotIssue}`, target: 100 },
    { name: "issue page API (typical issue)", path: `/api/issues/${values.typicalIssue}`, target: 100 },
    { name: "incident page API", path: `/api/incidents/${values.incident}`, target: 100 },
    { name: "tenant page API", path: `/api/tenants/${encodeURIComponent(values.tenant ?? "")}`, target: 100 },
  ];

  const loadBefore = loadavg()[0] ?? 0;
  // Warm the build's routes and the database's caches once, as a server in use would be.
  for (const sample of samples) await timeRequests(`${appUrl}${sample.path}`, token, 2);
  const empty = await timeRequests(`${appUrl}/api/health/live`, token, RUNS);
  const emptyP95 = quantile(empty.ms, 0.95);
  const rows: string[] = [];
  for (const sample of samples) {
    const { ms, status } = await timeRequests(`${appUrl}${sample.path}`, token, RUNS);
    const p50 = quantile(ms, 0.5);
    const p95 = quantile(ms, 0.95);
    const verdict = status !== 200 ? `answered ${status}` : p95 < sample.target ? "met" : "missed";
    rows.push(
      `| ${sample.name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${(p95 / emptyP95).toFixed(1)}× | < ${sample.target} ms: ${verdict} |`,
    );
    console.error(rows.at(-1));
  }

  const loadDuring = loadavg()[0] ?? 0;
  // An engineer's own browser first (the target), then a private window, where every load compiles
  // the page's scripts anew.
  const page = await measurePageLoad({ appUrl, login: "carol", runs: PAGE_RUNS, profile: "regular" });
  const privatePage = await measurePageLoad({ appUrl, login: "carol", runs: PAGE_RUNS, profile: "private" });
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const section = [
    `## Dashboard at scale: npm run bench:ui (${new Date().toISOString().slice(0, 10)}, PostgreSQL)`,
    "",
    `Method: \`npm run seed:large\` filled PostgreSQL with ${values.issues.toLocaleString("en")} issues, ${values.events.toLocaleString("en")} events and ${values.tenants} tenants`,
    "(through the data layer; the newest issues analysed by the real jobs). `npm run bench:ui` starts the",
    "production build on it with the worker off and a real access token from the local OpenID provider, warms",
    `each route twice, then times ${RUNS} sequential requests of each (client on the same machine). The empty`,
    `route (/api/health/live) is the reference measured in the same run: p50 ${quantile(empty.ms, 0.5).toFixed(1)} ms, p95 ${emptyP95.toFixed(1)} ms;`,
    "the ratio column is each route's p95 over it. The page numbers are Chromium at 1440 × 900 loading /issues signed in as a",
    `viewer: after signing in and two more loads, ${page.runs} loads in fresh tabs, first in a regular browser profile on disk`,
    "(an engineer's own browser, which keeps V8's code cache: a repeat visit does not compile the scripts again; the",
    "target), then the same in a private window (a Playwright context: every load compiles every script). For each:",
    "Largest Contentful Paint (read 1.5 s after the first row shows; judged at the 75th percentile of the loads, as",
    "Web Vitals judge it, with the worst load beside it), the time until the first issue row is in the",
    "page (a MutationObserver the page gets before its own scripts, reported through a binding: nothing polls the",
    "page while it renders), First Contentful Paint of the same loads (the server's HTML shell, before any script",
    "runs: the machine's speed at that moment, as a reference), when the list's API request went out and when its",
    "answer was in (resource timing; the rows wait on it), and the JavaScript the page loaded, gzipped as served.",
    `${machineLine()} Load average (1 min) before the requests ${loadBefore.toFixed(1)}, after them ${loadDuring.toFixed(1)}, after the page loads ${(loadavg()[0] ?? 0).toFixed(1)}: other work on the machine slows every request alike.`,
    "",
    "| request | p50 ms | p95 ms | p95 ÷ empty route | target |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "| list page in Chromium | regular profile: p50 | p75 | worst | private window: p50 | p75 | worst | target |",
    "|---|---|---|---|---|---|---|---|",
    `| Largest Contentful Paint | ${ms(page.lcp.p50)} | ${ms(page.lcp.p75)} | ${ms(page.lcp.max)} | ${ms(privatePage.lcp.p50)} | ${ms(privatePage.lcp.p75)} | ${ms(privatePage.lcp.max)} | < 1000 ms at p75 in the regular profile: ${page.lcp.p75 < 1000 ? "met" : "missed"} |`,
    `| first issue row in the page | ${ms(page.firstRow.p50)} | | ${ms(page.firstRow.max)} | ${ms(privatePage.firstRow.p50)} | | ${ms(privatePage.firstRow.max)} | — |`,
    `| First Contentful Paint (reference: the HTML shell) | ${ms(page.fcp.p50)} | | | ${ms(privatePage.fcp.p50)} | | | — |`,
    `| list API request sent → answered | ${ms(page.listRequest.startP50)} → ${ms(page.listRequest.endP50)} | | | ${ms(privatePage.listRequest.startP50)} → ${ms(privatePage.listRequest.endP50)} | | | — |`,
    `| JavaScript loaded (gzipped) | ${(page.scriptBytesGzip / 1024).toFixed(0)} KB in ${page.scripts} files | | | | | | < 200 KB: ${page.scriptBytesGzip < 200 * 1024 ? "met" : "missed"} |`,
    "",
  ].join("\n");
  writeBenchmarkSection(section, (part) => part.startsWith("## Dashboard at scale: npm run bench:ui"));
} finally {
  await server.stop();
  await idp.close();
}
