// `npm run bench:analysis`: how fast Sift analyses events, on one core.
//   Pure: every real event fixture (../shared/sentry/fixtures/events and the error webhook's event)
//     through the pipeline a delivery takes — zod parse, mapping to RawEvent, normaliseStack,
//     identity, categorise, then analyseIssue with ownership rules, priority and the summary with
//     its confidence — in this one process (one thread: per core). JSON.parse of the same text is
//     timed alongside as the reference. Target ≥ 2,000 events/s.
//   Incident grouping: on PGlite, seeded cascades (a server issue and three client issues sharing
//     trace ids) and unrelated noise arrive event by event; after each event its issue's analysis
//     job and then its incident grouping job run, as if no burst folded them (the worst case). The
//     grouping's time per event is reported against the analysis job's, measured in the same run.
// BENCH_SECONDS (pure pass length, default 3), BENCH_CASCADES (default 20), BENCH_EVENTS (per
// issue, default 8) size it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { analyseIssue } from "@/lib/analysis/analyse-issue";
import { extractIdentity } from "@/lib/analysis/identity";
import { normaliseStack } from "@/lib/analysis/normalise-stack";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import type { AnalysisEvent, HourlyEvents } from "@/lib/analysis/types";
import { connect } from "@/lib/db/connect";
import { getIssueIncident } from "@/lib/db/queries/incidents";
import { runAnalyseIssueJob } from "@/lib/enrichment/analyse-issue-job";
import { runGroupIncidentJob } from "@/lib/enrichment/group-incident-job";
import { eventFromSentry } from "@/lib/sentry/to-event";
import { sentryEvent } from "@/lib/sentry/webhook-payload";
import { errorDelivery, ingestAndStore, ingestOptions } from "@/test/ingest-deliveries";
import { machineLine, writeBenchmarkSection } from "./support/benchmark-doc";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CASCADES = Number(process.env.BENCH_CASCADES ?? 20);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 8);
const fixturesDir = path.resolve(
  process.env.SIFT_FIXTURES_DIR ?? path.resolve(import.meta.dirname, "../../shared/sentry/fixtures"),
);

// ---- Pure pipeline --------------------------------------------------------------------------------

const ids = { event_id: "0123456789abcdef0123456789abcdef", issue_id: "1", project: "1" };
const fixtures = [
  ...readdirSync(path.join(fixturesDir, "events"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      name: f,
      text: JSON.stringify({
        ...JSON.parse(readFileSync(path.join(fixturesDir, "events", f), "utf8")),
        ...ids,
      }),
    })),
  {
    name: "webhook-error-created.json (data.error)",
    text: JSON.stringify(
      JSON.parse(readFileSync(path.join(fixturesDir, "webhooks/webhook-error-created.json"), "utf8")).data
        .error,
    ),
  },
];

// A plausible team's rules: the last match wins, so every rule is tried against every frame.
const rules = parseOwnershipRules(
  [
    "path:src/checkout/** #payments",
    "path:src/search/** #search",
    "path:app/models/** #core",
    "path:**/*.py #python-platform",
    "path:**/*.java #jvm",
    "module:com.example.* #jvm",
    "module:io.sentry.* #sdk",
    "url:https://*.jsbin.com/* #jsbin",
    "url:*/api/payments/* #payments",
    "tags.browser.name:Chrome #web-platform",
    "tags.environment:staging #staging",
    "path:**/node_modules/** #web-platform",
    "path:lib/** #backend",
    "path:*.go #go",
    "path:*.rb #ruby",
    "path:*.php #php",
    "path:*.ex #elixir",
    "path:*.cs #dotnet",
    "module:Sentry* #sdk",
    "path:src/** #frontend",
  ].join("\n"),
);
const now = new Date("2026-11-05T12:30:00Z");
const hourly: HourlyEvents[] = Array.from({ length: 72 }, (_, h) => ({
  hour: new Date(now.getTime() - (71 - h) * 3_600_000),
  events: (h * 7) % 13,
}));
const identity = { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] };

/** One delivered event, from its text to its analysis: what Sift's code does with it, in order. */
function analyseEventText(text: string): number {
  const envelope = eventFromSentry(sentryEvent.parse(JSON.parse(text)), now);
  const stack = normaliseStack(envelope.raw);
  const who = extractIdentity(envelope.raw, identity);
  const event: AnalysisEvent = {
    ...who,
    tags: envelope.tags,
    url: envelope.url,
    frames: stack.frames,
    exceptionType: stack.exceptionType,
    exceptionValue: stack.exceptionValue,
    message: envelope.message,
    handled: envelope.handled,
    environment: envelope.environment,
  };
  const result = analyseIssue({
    issue: { title: envelope.title ?? "Error", culprit: null, level: "error", platform: envelope.platform },
    events: [event],
    identities: [{ ...who, events: 1 }],
    rules,
    fallbackOwner: "#triage",
    impact: {
      now,
      firstSeen: new Date(now.getTime() - 5 * 3_600_000),
      hourly,
      activeTenants: 120,
      activeTenantsHit: 1,
      tieredTenantsHit: [],
    },
    suspects: { release: envelope.release, commits: [] },
    incident: null,
  });
  return result.summary.length;
}

// CPU time of this process (one thread does the work): on a shared machine wall time also counts
// the time other processes held the core.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs `fn` over every fixture in turn for `seconds` of CPU; returns events per CPU second. */
function rate(seconds: number, fn: (text: string) => unknown): number {
  let count = 0;
  const c0 = cpuMs();
  while (cpuMs() - c0 < seconds * 1000) {
    for (const f of fixtures) fn(f.text);
    count += fixtures.length;
  }
  return count / ((cpuMs() - c0) / 1000);
}

function perFixtureMicros(fn: (text: string) => unknown, runs = 400): { name: string; micros: number }[] {
  return fixtures.map((f) => {
    const c0 = cpuMs();
    for (let i = 0; i < runs; i++) fn(f.text);
    return { name: f.name, micros: ((cpuMs() - c0) * 1000) / runs };
  });
}

rate(1, analyseEventText); // warm-up: JIT and regex caches
rate(0.5, JSON.parse);
const analysed = rate(SECONDS, analyseEventText);
const parsed = rate(SECONDS, JSON.parse);
const perFixture = perFixtureMicros(analyseEventText);
console.log(`pure pipeline: ${Math.round(analysed)} events/s (JSON.parse alone: ${Math.round(parsed)}/s)`);

// ---- Incident grouping on PGlite -------------------------------------------------------------------

const T0 = Date.now() - 3_600_000;
const PLATFORMS = [
  { project: "2", platform: "python" },
  { project: "1", platform: "javascript" },
  { project: "3", platform: "cocoa" },
  { project: "4", platform: "java" },
];
/** `tenants`: the tenant set its events come from (one per cascade, another for its noise). */
type Occurrence = {
  issue: string;
  project: string;
  platform: string;
  at: number;
  trace: string | null;
  tenants: string;
};

// Cascade c: issues c*10+1 … c*10+4 (server first); each event of a cascade shares a trace, one in
// four client events has none. Noise: one lone issue per cascade, its own traces and tenant.
function occurrences(): Occurrence[] {
  const out: Occurrence[] = [];
  for (let c = 0; c < CASCADES; c++) {
    const start = T0 + c * 60_000;
    for (let e = 0; e < EVENTS; e++) {
      const trace = `c${c}e${e}`.padEnd(32, "0");
      PLATFORMS.forEach((p, k) => {
        out.push({
          issue: String(1000 + c * 10 + k),
          ...p,
          at: start + e * 2_000 + k * 150,
          trace: k > 0 && e % 4 === 3 ? null : trace,
          tenants: `c${c}`,
        });
      });
    }
    for (let e = 0; e < EVENTS; e++) {
      out.push({
        issue: String(1000 + c * 10 + 9),
        project: "1",
        platform: "javascript",
        at: start + 30_000 + e * 3_000,
        trace: `n${c}e${e}`.padEnd(32, "0"),
        tenants: `noise${c}`,
      });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function delivery(o: Occurrence, n: number) {
  return errorDelivery((payload) => {
    const e = payload.data.error;
    e.event_id = n.toString(16).padStart(32, "0");
    e.issue_id = o.issue;
    e.project = o.project;
    e.platform = o.platform;
    e.title = `${o.platform} failure ${o.issue}`;
    e.timestamp = o.at / 1000;
    e.datetime = new Date(o.at).toISOString();
    e.contexts = o.trace ? { trace: { type: "trace", trace_id: o.trace, span_id: "a".repeat(16) } } : {};
    // Releases and tenants of their own per cascade: only the traces link its issues.
    e.release = null;
    e.user = { id: `user-${n % 50}`, tenant_id: `${o.tenants}-${n % 3}` };
  });
}

const connection = await connect({ dataDir: "memory://" });
const { db } = connection;
const timings = { ingest: 0, analyse: 0, group: 0 };
const wall = { ingest: 0, analyse: 0, group: 0 };
// PGlite runs in this process, so its CPU time counts too.
async function timed(step: keyof typeof timings, fn: () => Promise<unknown>): Promise<void> {
  const c0 = cpuMs();
  const t0 = performance.now();
  await fn();
  timings[step] += cpuMs() - c0;
  wall[step] += performance.now() - t0;
}
const all = occurrences();
try {
  const settings = { rules, fallbackOwner: "#triage", fetchLatestEvent: null };
  for (const [n, o] of all.entries()) {
    // The webhook's statement and the store job the worker runs right after its answer.
    await timed("ingest", () =>
      ingestAndStore(db, delivery(o, n + 1), { ...ingestOptions, receivedAt: new Date(o.at) }),
    );
    await timed("analyse", () => runAnalyseIssueJob(db, o.issue, settings));
    await timed("group", () => runGroupIncidentJob(db, o.issue));
  }
  // A sanity check on what was timed: every cascade became one incident rooted at its server issue.
  let rooted = 0;
  for (let c = 0; c < CASCADES; c++) {
    const incident = await getIssueIncident(db, String(1000 + c * 10 + 1));
    if (incident?.rootIssueId === String(1000 + c * 10) && incident.issueCount === PLATFORMS.length) rooted++;
  }
  const perEvent = (ms: number) => ms / all.length;
  const fmt = (v: number) => `${v.toFixed(2)} ms`;
  const slowest = [...perFixture].sort((a, b) => b.micros - a.micros)[0];
  const section = [
    `## Analysis speed and the cost of incident grouping (${new Date().toISOString().slice(0, 10)}, PGlite (embedded))`,
    "",
    "Method: `npm run bench:analysis`, in one process, so one core. *Pure*: the",
    `${fixtures.length} real event fixtures (\`../shared/sentry/fixtures/events\` and the error webhook's`,
    "event), each from its JSON text through zod, the mapping to RawEvent, normaliseStack, identity,",
    `categorise and analyseIssue (20 ownership rules, priority over 72 hourly buckets, summary and its`,
    `confidence), in turn for ${SECONDS} s after a 1 s warm-up; JSON.parse of the same texts is timed`,
    "alike as the reference. Times are CPU time of the process (`process.cpuUsage`; PGlite runs in it",
    "too), since the machine is shared. *Grouping*: on PGlite in memory,",
    `${CASCADES} cascades (a python issue and javascript, cocoa and java issues sharing trace ids, a quarter`,
    `of client events without one) of ${EVENTS} events per issue, plus one unrelated issue per cascade;`,
    `${all.length} events delivered in time order through \`ingestWebhook\`, and after each one its issue's`,
    "analysis job, then its incident grouping job (no burst folding: the worst case).",
    machineLine(),
    "",
    "| measure | result | reference in the same run | ratio |",
    "|---|---|---|---|",
    `| pure pipeline, events/s on one core (target ≥ 2,000) | ${Math.round(analysed)} | JSON.parse of the same texts: ${Math.round(parsed)}/s | ${(analysed / parsed).toFixed(3)} |`,
    `| slowest fixture through it | ${slowest?.micros.toFixed(0)} µs (${slowest?.name}) | mean ${(1e6 / analysed).toFixed(0)} µs | |`,
    `| incident grouping job, per event | ${fmt(perEvent(timings.group))} | analysis job: ${fmt(perEvent(timings.analyse))} | ${(timings.group / timings.analyse).toFixed(2)} |`,
    `| ingest of the delivery, per event | ${fmt(perEvent(timings.ingest))} | analysis job: ${fmt(perEvent(timings.analyse))} | ${(timings.ingest / timings.analyse).toFixed(2)} |`,
    "",
    `Check: ${rooted} of ${CASCADES} cascades grouped as one incident of ${PLATFORMS.length} issues rooted at the server issue.`,
    "Grouping runs once per analysis, and the queue folds a burst of events into one analysis, so",
    "under load its cost per event is this figure divided by the events each job covers.",
    "",
    "Per fixture, 400 runs of the same event in a row (warmer caches than the mix above):",
    "",
    "| fixture | µs per event |",
    "|---|---|",
    ...perFixture.map((f) => `| ${f.name} | ${f.micros.toFixed(0)} |`),
    "",
  ].join("\n");
  writeBenchmarkSection(section, (part) =>
    part.startsWith("## Analysis speed and the cost of incident grouping"),
  );
} finally {
  await connection.close();
}
