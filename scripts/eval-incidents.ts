// `npm run eval:incidents [-- --from 1 --to 200]`: runs seeded cascade scenarios (dev/cascades)
// through the real ingest and the real job kinds on embedded PGlite, and measures incident grouping
// against the truth each scenario was built with: root accuracy, pairwise grouping precision and
// recall, noise issues hidden in incidents, how many fewer things on-call looks at, calibration of
// the root confidence, and how soon after the root's first event the incident names it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateScenario, type Scenario } from "@/dev/cascades/generate-scenario";
import { scenarioDelivery } from "@/dev/cascades/scenario-deliveries";
import { connect } from "@/lib/db/connect";
import { getIncidentRow, getIssueIncident } from "@/lib/db/queries/incidents";
import { ANALYSE_ISSUE_JOB } from "@/lib/db/queries/jobs";
import { GROUP_INCIDENT_JOB } from "@/lib/enrichment/group-incident-job";
import { ingestWebhook } from "@/lib/ingest/ingest-webhook";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { buildJobKinds } from "@/lib/worker/job-kinds";
import { machineLine, writeBenchmarkSection } from "./support/benchmark-doc";

const { values } = parseArgs({
  options: {
    // Grouping was tuned looking at seeds 1–20 only; the recorded run uses 201–400, never tuned on.
    from: { type: "string", default: "201" },
    to: { type: "string", default: "400" },
    "dry-run": { type: "boolean", default: false },
  },
});
const from = Number(values.from);
const to = Number(values.to);
const root = path.resolve(import.meta.dirname, "..");
const fixtures = process.env.SIFT_FIXTURES_DIR ?? path.join(root, "../shared/sentry/fixtures");
const template = readFileSync(path.join(fixtures, "webhooks/webhook-error-created.json"), "utf8");

const connection = await connect({ dataDir: "memory://" });
const { db } = connection;
// The real kinds, as the worker registers them, but only the two that make incidents: the
// similar-issue index and the rest are left queued (a worker claims only kinds it runs).
const allKinds = buildJobKinds({
  rules: [],
  fallbackOwner: "#triage",
  identity: { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] },
  sentryApi: null,
});
const kinds = new Map(
  [...allKinds].filter(([name]) => name === ANALYSE_ISSUE_JOB || name === GROUP_INCIDENT_JOB),
);
const ingestOptions = {
  tenantKeys: ["tenant_id"],
  rolesKeys: ["roles"],
  appId: null,
  reanalyseAfterSeconds: 0,
};

async function drain(): Promise<void> {
  while ((await runDueJobs(db, kinds, { batchSize: 20 })) > 0) {}
}

type Outcome = {
  pairs: { tp: number; fp: number; fn: number };
  roots: { found: number; fires: number };
  noiseHidden: number;
  noise: number;
  issues: number;
  cascadeIssues: number;
  /** Things to look at once grouped: incidents plus lone issues (all, and of the cascades only). */
  looks: number;
  cascadeLooks: number;
  confidence: { p: number; correct: boolean }[];
  /** ms from each fire's root first event until an incident names it (null: never). */
  namedAfter: (number | null)[];
  /** Real ms Sift took, after the delivery that let it name each root arrived, to name it. */
  namedProcessing: number[];
  processingMs: number[];
};

async function runScenario(scenario: Scenario): Promise<Outcome> {
  const fires = [...new Set(scenario.issues.flatMap((i) => (i.cascade ? [i.cascade] : [])))];
  const rootOf = new Map(scenario.issues.filter((i) => i.root).map((i) => [i.cascade as string, i]));
  const firstEvent = new Map<string, number>();
  for (const e of scenario.events)
    firstEvent.set(e.issueId, Math.min(firstEvent.get(e.issueId) ?? Infinity, e.at));
  const named = new Map<string, number>();
  const namedProcessing: number[] = [];
  const processingMs: number[] = [];
  let counter = 0;
  // Deliveries are ingested as they arrive and the jobs run once per simulated second, as a worker
  // woken by each delivery would keep up with a few a second.
  const ticks = new Map<number, typeof scenario.events>();
  for (const event of scenario.events) {
    const tick = Math.floor(event.arrival / 1000);
    ticks.set(tick, [...(ticks.get(tick) ?? []), event]);
  }
  for (const batch of ticks.values()) {
    const started = performance.now();
    for (const event of batch) {
      const delivery = scenarioDelivery(template, scenario, event, ++counter);
      await ingestWebhook(db, delivery, { ...ingestOptions, receivedAt: new Date(event.arrival) });
    }
    await drain();
    const took = performance.now() - started;
    processingMs.push(took / batch.length);
    const last = batch.at(-1) as (typeof batch)[number];
    for (const fire of fires) {
      if (named.has(fire)) continue;
      const rootIssue = rootOf.get(fire);
      if (!rootIssue) continue;
      const incident = await getIssueIncident(db, rootIssue.id);
      if (incident?.rootIssueId === rootIssue.id) {
        // Simulated arrival of the delivery that made it possible, plus the real time Sift took.
        named.set(fire, last.arrival + took - (firstEvent.get(rootIssue.id) ?? last.arrival));
        namedProcessing.push(took);
      }
    }
  }
  const delivered = new Set(scenario.events.map((e) => e.issueId));
  const ids = scenario.issues.filter((i) => delivered.has(i.id)).map((i) => i.id);
  const incidentOf = new Map<string, number>();
  for (const id of ids) {
    const incident = await getIssueIncident(db, id);
    if (incident) incidentOf.set(id, incident.id);
  }
  const truth = new Map(scenario.issues.map((i) => [i.id, i.cascade]));
  const pairs = { tp: 0, fp: 0, fn: 0 };
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as string;
      const b = ids[j] as string;
      const same = truth.get(a) !== null && truth.get(a) === truth.get(b);
      const grouped = incidentOf.has(a) && incidentOf.get(a) === incidentOf.get(b);
      if (same && grouped) pairs.tp++;
      else if (grouped) pairs.fp++;
      else if (same) pairs.fn++;
    }
  }
  const incidents = new Set(incidentOf.values());
  const confidence: Outcome["confidence"] = [];
  let found = 0;
  for (const fire of fires) {
    const members = scenario.issues.filter((i) => i.cascade === fire).map((i) => i.id);
    // The incident holding most of the fire's issues is the one on-call would open for it.
    const votes = new Map<number, number>();
    for (const id of members) {
      const incident = incidentOf.get(id);
      if (incident !== undefined) votes.set(incident, (votes.get(incident) ?? 0) + 1);
    }
    const [best] = [...votes.entries()].sort((x, y) => y[1] - x[1]);
    if (!best) continue;
    const row = await getIncidentRow(db, best[0]);
    const correct = row?.rootIssueId === rootOf.get(fire)?.id;
    if (correct) found++;
    if (row) confidence.push({ p: row.root.confidence, correct });
  }
  const lone = ids.filter((id) => !incidentOf.has(id)).length;
  const cascadeIds = scenario.issues.filter((i) => i.cascade && delivered.has(i.id)).map((i) => i.id);
  const cascadeIncidents = new Set(
    cascadeIds.flatMap((id) => (incidentOf.has(id) ? [incidentOf.get(id)] : [])),
  );
  const noiseHidden = scenario.issues.filter((i) => i.cascade === null && incidentOf.has(i.id)).length;
  const noise = scenario.issues.filter((i) => i.cascade === null && delivered.has(i.id)).length;
  return {
    pairs,
    roots: { found, fires: fires.length },
    noiseHidden,
    noise,
    issues: ids.length,
    cascadeIssues: cascadeIds.length,
    looks: incidents.size + lone,
    cascadeLooks: cascadeIncidents.size + cascadeIds.filter((id) => !incidentOf.has(id)).length,
    confidence,
    namedAfter: fires.map((f) => named.get(f) ?? null),
    namedProcessing,
    processingMs,
  };
}

/** Expected calibration error over ten equal-width bins. */
function calibrationError(points: { p: number; correct: boolean }[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, hits: 0 }));
  for (const { p, correct } of points) {
    const bin = bins[Math.min(9, Math.floor(p * 10))] as (typeof bins)[number];
    bin.n++;
    bin.p += p;
    bin.hits += correct ? 1 : 0;
  }
  return bins.reduce(
    (sum, b) => sum + (b.n ? (b.n / points.length) * Math.abs(b.p / b.n - b.hits / b.n) : 0),
    0,
  );
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

/**
 * The earliest a root can be named from the traces alone: the first symptom event sharing a trace
 * with a root event, once both are delivered. Sift can beat it only through other evidence.
 */
function traceBound(scenario: Scenario): number[] {
  return scenario.issues
    .filter((i) => i.root)
    .map((root) => {
      const rootEvents = scenario.events.filter((e) => e.issueId === root.id);
      const first = Math.min(...rootEvents.map((e) => e.at));
      const byTrace = new Map(rootEvents.flatMap((e) => (e.traceId ? [[e.traceId, e] as const] : [])));
      let best = Number.POSITIVE_INFINITY;
      for (const e of scenario.events) {
        const issue = scenario.issues.find((i) => i.id === e.issueId);
        const rootEvent = e.traceId ? byTrace.get(e.traceId) : undefined;
        if (issue?.cascade === root.cascade && !issue.root && rootEvent) {
          best = Math.min(best, Math.max(e.arrival, rootEvent.arrival) - first);
        }
      }
      return best;
    });
}

const outcomes: Outcome[] = [];
const bounds: number[] = [];
const started = performance.now();
for (let seed = from; seed <= to; seed++) {
  const scenario = generateScenario(seed);
  bounds.push(...traceBound(scenario));
  outcomes.push(await runScenario(scenario));
  if ((seed - from + 1) % 10 === 0) {
    process.stderr.write(
      `scenario ${seed - from + 1}/${to - from + 1} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  }
}
await connection.close();

const sum = (f: (o: Outcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
const tp = sum((o) => o.pairs.tp);
const precision = tp / (tp + sum((o) => o.pairs.fp));
const recall = tp / (tp + sum((o) => o.pairs.fn));
const rootAccuracy = sum((o) => o.roots.found) / sum((o) => o.roots.fires);
const noiseHidden = sum((o) => o.noiseHidden);
const noiseTotal = sum((o) => o.noise);
const cascadeReduction = 1 - sum((o) => o.cascadeLooks) / sum((o) => o.cascadeIssues);
const overallReduction = 1 - sum((o) => o.looks) / sum((o) => o.issues);
const ece = calibrationError(outcomes.flatMap((o) => o.confidence));
const named = outcomes.flatMap((o) => o.namedAfter);
const namedMs = named.filter((n): n is number => n !== null);
const processing = outcomes.flatMap((o) => o.processingMs);
const sift = outcomes.flatMap((o) => o.namedProcessing);
const fmt = (n: number) => n.toFixed(3);

const section = `## Incident grouping on generated cascades: npm run eval:incidents

Method: ${outcomes.length} seeded scenarios (seeds ${from}–${to}, \`dev/cascades/generate-scenario.ts\`), each
one backend bug (Python, Java, Go, Ruby, C# or PHP) surfacing as 5–24 issues in browser, mobile and
gateway projects over 1–10 minutes, 3–10 unrelated noise issues around it, and in 30% of scenarios a
second unrelated fire at the same time. A quarter of symptom projects send no trace ids and the rest
drop 15% of them; device clocks are off by up to ±300 ms; one delivery in ten arrives 10–120 s late.
Tenants are drawn with a Zipf skew, so big customers appear in unrelated issues too. Every event goes
through the real \`ingestWebhook\` and the real job kinds (from \`buildJobKinds\`: the analysis, then
incident grouping; the similar-issue index is left out, it plays no part in incidents) on embedded PGlite in arrival order, the jobs drained after each simulated second's deliveries.
${machineLine()}

| measure | value | target |
|---|---|---|
| root found (the incident holding most of a fire names its true root) | ${fmt(rootAccuracy)} (${sum((o) => o.roots.found)} of ${sum((o) => o.roots.fires)} fires) | ≥ 0.95 |
| grouping precision (pairs of issues) | ${fmt(precision)} | ≥ 0.95 |
| grouping recall (pairs of issues) | ${fmt(recall)} | ≥ 0.95 |
| unrelated issues hidden inside an incident | ${noiseHidden} of ${noiseTotal} | 0 |
| fewer things to look at during a cascade (its issues → incidents + lone issues; at most 1 − 1/size, mean size ${(sum((o) => o.cascadeIssues) / sum((o) => o.roots.fires)).toFixed(1)}) | ${(cascadeReduction * 100).toFixed(1)}% | ≥ 90% |
| fewer things to look at, noise included | ${(overallReduction * 100).toFixed(1)}% | |
| root confidence, expected calibration error (10 bins) | ${fmt(ece)} | |
| root named after its first event: p50 / p95 (simulated arrival + real processing) | ${(quantile(namedMs, 0.5) / 1000).toFixed(2)} s / ${(quantile(namedMs, 0.95) / 1000).toFixed(2)} s; never: ${named.length - namedMs.length} | < 5 s |
| of which Sift's own time, from receiving the delivery that let it name the root: p50 / p95 | ${quantile(sift, 0.5).toFixed(0)} ms / ${quantile(sift, 0.95).toFixed(0)} ms | |
| lower bound of the above from the scenarios alone (first symptom in a shared trace with the root, both delivered), p50 / p95 | ${(quantile(bounds, 0.5) / 1000).toFixed(2)} s / ${(quantile(bounds, 0.95) / 1000).toFixed(2)} s | |
| processing per delivery (ingest + analysis + grouping jobs, per second's batch), p50 / p95 | ${quantile(processing, 0.5).toFixed(1)} ms / ${quantile(processing, 0.95).toFixed(1)} ms | |

Free parameters of grouping (\`lib/analysis/incident-links.ts\`, \`incident-root.ts\`): the burst window
(600 s), the tenant overlap (Jaccard ≥ 0.5 on ≥ 3 shared tenants), the same-user window (5 s, twice)
and the root's softmax temperature (0.5). They were set while looking only at seeds 1–20; the numbers
above are on seeds ${from}–${to}, which were not looked at before this run. The generator is ours, so
these numbers say the method works on the failure modes we built in (missing trace ids, clock skew,
late deliveries, concurrent fires, skewed tenants), not how often real fires look like this.
Only issues that received events count (a planned symptom with no request is not an issue).
`;
console.log(
  JSON.stringify({
    rootAccuracy,
    precision,
    recall,
    noiseHidden,
    cascadeReduction,
    ece,
    namedP50: quantile(namedMs, 0.5),
    namedP95: quantile(namedMs, 0.95),
    processingP50: quantile(processing, 0.5),
    siftP50: quantile(sift, 0.5),
    siftP95: quantile(sift, 0.95),
    boundP50: quantile(bounds, 0.5),
  }),
);
if (!values["dry-run"])
  writeBenchmarkSection(section, (part) => part.startsWith("## Incident grouping on generated cascades"));
