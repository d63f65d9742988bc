// `npm run replay:incidents [-- --from 1 --to 200]`: a fast replay of incident grouping and of the
// summary's claims on the generated cascades, in memory with the pure lib/analysis functions and
// without the database or the job queue: seconds where eval:incidents (the real ingest and jobs)
// takes an hour or more on a loaded machine. It approximates the pipeline: each issue's last
// grouping job runs when its last event arrives, with the facts delivered by then and the
// candidates first seen within the burst window or sharing a trace; links are replaced per issue as
// the job does; groups are the components of the final links; each issue's last summary reads the
// final grouping, its category from categorise, its owner from the scenario's ownership rules, and
// its age at its last delivery. Tuning looks at seeds 1–200 only; `--held-out` allows 201–400, for
// the one run that is reported.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateScenario, OWNERSHIP_RULES, type Scenario } from "@/dev/cascades/generate-scenario";
import { calibrationBins, expectedCalibrationError } from "@/lib/analysis/calibration";
import { categorise } from "@/lib/analysis/categorise";
import { groupIssues } from "@/lib/analysis/incident-groups";
import { defaultLinkSettings, type LinkSettings, linkIssues } from "@/lib/analysis/incident-links";
import { chooseRoot } from "@/lib/analysis/incident-root";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { resolveOwner } from "@/lib/analysis/resolve-owner";
import { SUMMARY_CLAIM_PARAMS, summaryClaims, summaryConfidence } from "@/lib/analysis/summary-confidence";
import type { Frame, IncidentIssueFacts, IssueLink, RootVerdict } from "@/lib/analysis/types";
import { type ScoredSummary, scoreClaim } from "./support/summary-truth";

const { values } = parseArgs({
  options: {
    from: { type: "string", default: "1" },
    to: { type: "string", default: "200" },
    verbose: { type: "boolean", default: false },
    // The rule before bursts needed corroboration, for comparison.
    uncorroborated: { type: "boolean", default: false },
    "held-out": { type: "boolean", default: false },
    // Writes every summary's claims, scored against the truth, for `npm run fit:summary-confidence`.
    claims: { type: "string" },
  },
});
const from = Number(values.from);
const to = Number(values.to);
if (to > 200 && !values["held-out"])
  throw new Error("tuning looks at seeds 1–200 only; 201–400 need --held-out");
const rules = parseOwnershipRules(OWNERSHIP_RULES);

// Releases seen before, across scenarios (they run one after another in one database in the eval).
const releaseFirstSeen = new Map<string, number>();

function factsAt(
  scenario: Scenario,
  issueId: string,
  now: number,
  settings: LinkSettings,
): IncidentIssueFacts | null {
  const issue = scenario.issues.find((i) => i.id === issueId);
  const events = scenario.events.filter((e) => e.issueId === issueId && e.arrival <= now);
  if (!issue || events.length === 0) return null;
  const firstSeen = Math.min(...events.map((e) => e.at));
  const earliest = [...events].sort((x, y) => x.at - y.at)[0] as (typeof events)[number];
  const key = `${issue.projectId}|${earliest.release}`;
  const releaseSeen = releaseFirstSeen.get(key) ?? earliest.at;
  const older = [...releaseFirstSeen].some(
    ([k, at]) => k.startsWith(`${issue.projectId}|`) && k !== key && at < releaseSeen,
  );
  const isNew = releaseSeen >= firstSeen - settings.burstWindowSeconds * 1000 && older;
  const traces = new Map<string, number>();
  for (const e of events)
    if (e.traceId) traces.set(e.traceId, Math.min(traces.get(e.traceId) ?? Infinity, e.at));
  return {
    id: issue.id,
    projectId: issue.projectId,
    platform: issue.platform,
    title: issue.title,
    firstSeen,
    releases: isNew ? [earliest.release] : [],
    tenants: [...new Set(events.map((e) => e.tenant))],
    traces: [...traces].map(([traceId, firstAt]) => ({ traceId, firstAt })),
    moments: events.map((e) => ({ user: e.user, at: e.at })),
  };
}

type Tally = {
  tp: number;
  fp: number;
  fn: number;
  roots: number;
  fires: number;
  hidden: number;
  noise: number;
  issues: number;
  looks: number;
  hiddenBy: Map<string, number>;
  summaries: ScoredSummary[];
};

// The frames the scenario's deliveries carry (scenario-deliveries.ts), as normaliseStack reads them.
const framesOf = (projectId: string, crashFile: string): Frame[] => [
  { filename: `src/${projectId}/server.ts`, function: "handle", module: null, lineNo: 10, inApp: true },
  { filename: crashFile, function: "run", module: null, lineNo: 42, inApp: true },
];

function replay(scenario: Scenario, settings: LinkSettings, tally: Tally): void {
  for (const e of scenario.events) {
    const issue = scenario.issues.find((i) => i.id === e.issueId);
    const key = `${issue?.projectId}|${e.release}`;
    releaseFirstSeen.set(key, Math.min(releaseFirstSeen.get(key) ?? Infinity, e.at));
  }
  const lastArrival = new Map<string, number>();
  for (const e of scenario.events)
    lastArrival.set(e.issueId, Math.max(lastArrival.get(e.issueId) ?? 0, e.arrival));
  const links = new Map<string, IssueLink>();
  for (const [id, now] of [...lastArrival].sort((x, y) => x[1] - y[1])) {
    const issue = factsAt(scenario, id, now, settings);
    if (!issue) continue;
    const traceIds = new Set(issue.traces.map((t) => t.traceId));
    const others = [...lastArrival.keys()]
      .filter((o) => o !== id)
      .flatMap((o) => factsAt(scenario, o, now, settings) ?? [])
      .filter(
        (o) =>
          Math.abs(o.firstSeen - issue.firstSeen) <= settings.burstWindowSeconds * 1000 ||
          o.traces.some((t) => traceIds.has(t.traceId)),
      );
    for (const key of [...links.keys()]) if (key.split("|").includes(id)) links.delete(key);
    for (const l of linkIssues(issue, others, settings)) links.set(`${l.a}|${l.b}`, l);
  }
  const ids = [...lastArrival.keys()];
  const groups = groupIssues(ids, [...links.values()]);
  const incidentOf = new Map<string, number>();
  groups.forEach((g, n) => {
    for (const id of g) incidentOf.set(id, n);
  });
  const truth = new Map(scenario.issues.map((i) => [i.id, i.cascade]));
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as string;
      const b = ids[j] as string;
      const same = truth.get(a) !== null && truth.get(a) === truth.get(b);
      const grouped = incidentOf.has(a) && incidentOf.get(a) === incidentOf.get(b);
      if (same && grouped) tally.tp++;
      else if (grouped) tally.fp++;
      else if (same) tally.fn++;
    }
  }
  const end = Math.max(...lastArrival.values());
  for (const fire of new Set(scenario.issues.flatMap((i) => (i.cascade ? [i.cascade] : [])))) {
    tally.fires++;
    const members = ids.filter((id) => truth.get(id) === fire);
    const votes = new Map<number, number>();
    for (const id of members) {
      const n = incidentOf.get(id);
      if (n !== undefined) votes.set(n, (votes.get(n) ?? 0) + 1);
    }
    const [best] = [...votes].sort((x, y) => y[1] - x[1]);
    if (!best) continue;
    const group = groups[best[0]] as string[];
    const root = chooseRoot(group.flatMap((id) => factsAt(scenario, id, end, settings) ?? []));
    if (scenario.issues.find((i) => i.id === root.issueId)?.root && truth.get(root.issueId) === fire)
      tally.roots++;
  }
  for (const id of ids) {
    if (truth.get(id) !== null) continue;
    tally.noise++;
    if (incidentOf.has(id)) {
      tally.hidden++;
      const why = [...links.values()].filter((l) => (l.a === id || l.b === id) && l.strength > 0);
      const strongest = why.sort((x, y) => y.strength - x.strength)[0];
      const kinds = strongest
        ? [...new Set(strongest.evidence.map((e) => e.kind))].sort().join(" + ")
        : "none";
      tally.hiddenBy.set(kinds, (tally.hiddenBy.get(kinds) ?? 0) + 1);
      if (values.verbose) console.error(`seed ${scenario.seed} noise ${id}: ${JSON.stringify(why)}`);
    }
  }
  // Each issue's last summary: the final grouping, its age when its last delivery arrived.
  const verdicts = new Map<number, RootVerdict>();
  groups.forEach((g, n) => {
    verdicts.set(n, chooseRoot(g.flatMap((id) => factsAt(scenario, id, end, settings) ?? [])));
  });
  const rootOf = new Map(scenario.issues.filter((i) => i.root).map((i) => [i.cascade as string, i.id]));
  for (const id of ids) {
    const issue = scenario.issues.find((i) => i.id === id);
    if (!issue) continue;
    const events = scenario.events.filter((e) => e.issueId === id);
    const frames = framesOf(issue.projectId, issue.crashFile);
    const category = categorise({
      exceptionType: issue.exceptionType,
      message: issue.value,
      frames,
      platform: issue.platform,
    });
    const owner = resolveOwner({
      rules,
      events: events.map(() => ({ frames, tags: {}, url: null })),
      fallbackOwner: "#triage",
    });
    const n = incidentOf.get(id);
    const group = n === undefined ? null : (groups[n] as string[]);
    const verdict = n === undefined ? null : (verdicts.get(n) as RootVerdict);
    const firstSeen = Math.min(...events.map((e) => e.at));
    const claims = summaryClaims({
      category,
      owner,
      incident:
        group && verdict
          ? {
              id: n as number,
              issueCount: group.length,
              role: verdict.issueId === id ? "root" : "symptom",
              rootIssueId: verdict.issueId,
              rootLabel: verdict.issueId,
              rootTitle: null,
              rootConfidence: verdict.confidence,
            }
          : null,
      ageSeconds: ((lastArrival.get(id) ?? firstSeen) - firstSeen) / 1000,
    });
    const outcome = {
      issue,
      category,
      owner,
      incident:
        group && verdict
          ? {
              memberFires: group.map((m) => truth.get(m) ?? null),
              rootIssueId: verdict.issueId,
              rootConfidence: verdict.confidence,
            }
          : null,
      rootOf,
    };
    const scored = claims.map((claim) => ({
      kind: claim.kind,
      factor: claim.factor ?? claim.kind,
      confidence: claim.confidence,
      raw: claim.kind === "root" ? (verdict?.confidence ?? null) : null,
      holds: scoreClaim(claim, outcome),
    }));
    tally.summaries.push({
      seed: scenario.seed,
      issueId: id,
      confidence: summaryConfidence(claims),
      allHold: scored.every((c) => c.holds),
      claims: scored,
    });
  }
  const cascadeIds = ids.filter((id) => truth.get(id) !== null);
  tally.issues += cascadeIds.length;
  tally.looks +=
    new Set(cascadeIds.flatMap((id) => (incidentOf.has(id) ? [incidentOf.get(id)] : []))).size +
    cascadeIds.filter((id) => !incidentOf.has(id)).length;
}

const tally: Tally = {
  tp: 0,
  fp: 0,
  fn: 0,
  roots: 0,
  fires: 0,
  hidden: 0,
  noise: 0,
  issues: 0,
  looks: 0,
  hiddenBy: new Map(),
  summaries: [],
};
const settings = { ...defaultLinkSettings, burstNeedsCorroboration: !values.uncorroborated };
for (let seed = from; seed <= to; seed++) replay(generateScenario(seed), settings, tally);
if (values.claims) writeFileSync(values.claims, `${JSON.stringify(tally.summaries)}\n`);
const pairs = tally.summaries.map((s) => ({ confidence: s.confidence, correct: s.allHold }));
const claims = tally.summaries.flatMap((s) => s.claims);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
console.log(
  JSON.stringify({
    seeds: `${from}–${to}`,
    burstNeedsCorroboration: settings.burstNeedsCorroboration,
    root: tally.roots / tally.fires,
    precision: tally.tp / (tally.tp + tally.fp),
    recall: tally.tp / (tally.tp + tally.fn),
    hidden: `${tally.hidden} of ${tally.noise}`,
    reduction: 1 - tally.looks / tally.issues,
    hiddenBy: Object.fromEntries(tally.hiddenBy),
    params: SUMMARY_CLAIM_PARAMS.fittedOn,
    summaries: tally.summaries.length,
    fullyRight: pairs.filter((p) => p.correct).length / pairs.length,
    summaryEce: expectedCalibrationError(pairs),
    rootClaimEce: expectedCalibrationError(
      claims.filter((c) => c.kind === "root").map((c) => ({ confidence: c.confidence, correct: c.holds })),
    ),
  }),
);
// Reliability table and per-feature calibration, as markdown rows for docs/benchmarks.md.
for (const b of calibrationBins(pairs).filter((b) => b.count > 0))
  console.log(
    `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${pct(b.confidence)} | ${pct(b.accuracy)} |`,
  );
for (const factor of [...new Set(claims.map((c) => c.factor))].sort()) {
  const of = claims.filter((c) => c.factor === factor);
  const mean = of.reduce((sum, c) => sum + c.confidence, 0) / of.length;
  const ece = expectedCalibrationError(of.map((c) => ({ confidence: c.confidence, correct: c.holds })));
  console.log(
    `| ${factor} | ${of.length} | ${pct(mean)} | ${pct(of.filter((c) => c.holds).length / of.length)} | ${ece.toFixed(3)} |`,
  );
}
