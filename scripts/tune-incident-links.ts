// `npm run tune:incident-links [-- --from 1 --to 200]`: a fast replay of incident grouping on the
// generated cascades, in memory and without the database or the analysis, for tuning the link rule
// on the tuning split (seeds 1–200) in seconds instead of the hour eval:incidents takes on this
// machine. It approximates the pipeline: each issue's last grouping job runs when its last event
// arrives, with the facts delivered by then and the candidates first seen within the burst window
// or sharing a trace; links are replaced per issue as the job does; groups are the components of
// the final links. eval:incidents, through the real ingest and jobs, is what the numbers come from.
import { parseArgs } from "node:util";
import { generateScenario, type Scenario } from "@/dev/cascades/generate-scenario";
import { groupIssues } from "@/lib/analysis/incident-groups";
import { defaultLinkSettings, type LinkSettings, linkIssues } from "@/lib/analysis/incident-links";
import { chooseRoot } from "@/lib/analysis/incident-root";
import type { IncidentIssueFacts, IssueLink } from "@/lib/analysis/types";

const { values } = parseArgs({
  options: {
    from: { type: "string", default: "1" },
    to: { type: "string", default: "200" },
    verbose: { type: "boolean", default: false },
    // The rule before bursts needed corroboration, for comparison.
    uncorroborated: { type: "boolean", default: false },
  },
});
const from = Number(values.from);
const to = Number(values.to);
if (to > 200) throw new Error("tuning looks at seeds 1–200 only; 201–400 are held out for eval:incidents");

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
};

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
      if (values.verbose) {
        const why = [...links.values()].filter((l) => (l.a === id || l.b === id) && l.strength > 0);
        console.error(`seed ${scenario.seed} noise ${id}: ${JSON.stringify(why)}`);
      }
    }
  }
  const cascadeIds = ids.filter((id) => truth.get(id) !== null);
  tally.issues += cascadeIds.length;
  tally.looks +=
    new Set(cascadeIds.flatMap((id) => (incidentOf.has(id) ? [incidentOf.get(id)] : []))).size +
    cascadeIds.filter((id) => !incidentOf.has(id)).length;
}

const tally: Tally = { tp: 0, fp: 0, fn: 0, roots: 0, fires: 0, hidden: 0, noise: 0, issues: 0, looks: 0 };
const settings = { ...defaultLinkSettings, burstNeedsCorroboration: !values.uncorroborated };
for (let seed = from; seed <= to; seed++) replay(generateScenario(seed), settings, tally);
console.log(
  JSON.stringify({
    seeds: `${from}–${to}`,
    burstNeedsCorroboration: settings.burstNeedsCorroboration,
    root: tally.roots / tally.fires,
    precision: tally.tp / (tally.tp + tally.fp),
    recall: tally.tp / (tally.tp + tally.fn),
    hidden: `${tally.hidden} of ${tally.noise}`,
    reduction: 1 - tally.looks / tally.issues,
  }),
);
