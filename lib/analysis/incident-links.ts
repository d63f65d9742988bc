import type { IncidentIssueFacts, IssueLink, IssueLinkEvidence } from "./types";

/**
 * The three free parameters of grouping. A burst is two issues first seen within `burstWindowSeconds`
 * of each other (a deploy or an outage shows its symptoms within minutes); tenant sets must overlap
 * by `minTenantJaccard` (a Jaccard index where each tenant weighs by how rare it is among the issues
 * around: ln((n + 1) / issues with it)) on at least `minSharedTenants` tenants, so two issues that
 * each hit the same big customers are not a burst.
 */
export type LinkSettings = {
  burstWindowSeconds: number;
  minTenantJaccard: number;
  minSharedTenants: number;
  /** The same user hitting both issues within this many seconds, at least twice, links them. */
  coOccurrenceSeconds: number;
  /**
   * Whether a burst on a release or tenant set needs a shared trace or a same-user co-occurrence
   * beside it to link (the default); false only to measure what the rule changed.
   */
  burstNeedsCorroboration: boolean;
};

export const defaultLinkSettings: LinkSettings = {
  burstWindowSeconds: 600,
  minTenantJaccard: 0.5,
  minSharedTenants: 3,
  coOccurrenceSeconds: 5,
  burstNeedsCorroboration: true,
};

// A trace is one request's path through the system, the strongest evidence there is; a burst on a
// release or tenant set is circumstantial, so it loses wherever grouping must choose.
const TRACE_STRENGTH = 1;
const BURST_STRENGTH = 0.5;
// One user's request failing on a server and then in their app is a trace without a trace id.
const CO_OCCURRENCE_STRENGTH = 0.75;
const MIN_CO_OCCURRENCES = 2;
// A burst on a release or tenant set is only circumstantial: big customers are in many unrelated
// issues at once, and a deploy changes many things. It links two issues only with one more piece of
// evidence that they are the same failure: a shared trace, or the same user hitting both within
// seconds at least once (twice links on its own). Two weak signals together, each unlikely by chance.
const MIN_CORROBORATING_CO_OCCURRENCES = 1;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function traceEvidence(a: IncidentIssueFacts, b: IncidentIssueFacts): IssueLinkEvidence | null {
  const firstInA = new Map(a.traces.map((t) => [t.traceId, t.firstAt]));
  const shared: { traceId: string; offset: number }[] = [];
  for (const t of b.traces) {
    const at = firstInA.get(t.traceId);
    if (at !== undefined) shared.push({ traceId: t.traceId, offset: t.firstAt - at });
  }
  if (shared.length === 0) return null;
  return {
    kind: "trace",
    sharedTraces: shared.length,
    exampleTraceIds: shared.slice(0, 3).map((s) => s.traceId),
    medianOffsetSeconds: Math.round(median(shared.map((s) => s.offset))) / 1000,
  };
}

/** How many of b's moments the same user also had in a within the co-occurrence window. */
function coOccurrencesOf(a: IncidentIssueFacts, b: IncidentIssueFacts, settings: LinkSettings): number {
  const byUser = new Map<string, number[]>();
  for (const m of a.moments) byUser.set(m.user, [...(byUser.get(m.user) ?? []), m.at]);
  const windowMs = settings.coOccurrenceSeconds * 1000;
  let coOccurrences = 0;
  for (const m of b.moments) {
    if (byUser.get(m.user)?.some((at) => Math.abs(at - m.at) <= windowMs)) coOccurrences++;
  }
  return coOccurrences;
}

/**
 * How much sharing each tenant says, from how many issues around the new one it appears in: a
 * customer in most issues (the biggest one usually is) tells little; one in few tells a lot.
 */
function tenantWeights(pool: IncidentIssueFacts[]): Map<string, number> {
  const issuesWith = new Map<string, number>();
  for (const issue of pool)
    for (const t of new Set(issue.tenants)) issuesWith.set(t, (issuesWith.get(t) ?? 0) + 1);
  return new Map([...issuesWith].map(([t, n]) => [t, Math.log((pool.length + 1) / n)]));
}

function tenantEvidence(
  a: IncidentIssueFacts,
  b: IncidentIssueFacts,
  gapSeconds: number,
  settings: LinkSettings,
  weights: Map<string, number>,
): IssueLinkEvidence | null {
  if (a.tenants.length === 0 || b.tenants.length === 0) return null;
  const inA = new Set(a.tenants);
  const inB = new Set(b.tenants);
  const weight = (t: string) => weights.get(t) ?? 0;
  let shared = 0;
  let sharedWeight = 0;
  let unionWeight = 0;
  for (const t of new Set([...inA, ...inB])) {
    unionWeight += weight(t);
    if (inA.has(t) && inB.has(t)) {
      shared++;
      sharedWeight += weight(t);
    }
  }
  const jaccard = unionWeight > 0 ? sharedWeight / unionWeight : 0;
  if (shared < settings.minSharedTenants || jaccard < settings.minTenantJaccard) return null;
  return {
    kind: "tenants",
    sharedTenants: shared,
    jaccard: Math.round(jaccard * 100) / 100,
    firstSeenGapSeconds: gapSeconds,
  };
}

/**
 * The evidence that `issue` and each of `others` are one fire: events in shared traces (two or
 * more, or one when both were first seen within the burst window, since one long browser trace can
 * hold unrelated errors); the same user hitting both within seconds, twice or more (errors without
 * trace ids); or both first seen within the burst window on a new release or a largely shared set
 * of tenants, corroborated by a trace they share or the same user hitting both within seconds once
 * (a burst alone is what unrelated issues around a big customer look like). Returns only pairs
 * with evidence, `a < b`. O(others × (traces +
 * tenants + moments)).
 */
export function linkIssues(
  issue: IncidentIssueFacts,
  others: IncidentIssueFacts[],
  settings: LinkSettings = defaultLinkSettings,
): IssueLink[] {
  const links: IssueLink[] = [];
  const weights = tenantWeights([issue, ...others]);
  for (const other of others) {
    if (other.id === issue.id) continue;
    const [a, b] = issue.id < other.id ? [issue, other] : [other, issue];
    const gapSeconds = Math.round((b.firstSeen - a.firstSeen) / 1000);
    const inBurst = Math.abs(gapSeconds) <= settings.burstWindowSeconds;
    const evidence: IssueLinkEvidence[] = [];
    let strength = 0;
    const trace = traceEvidence(a, b);
    if (trace?.kind === "trace" && (trace.sharedTraces >= 2 || inBurst)) {
      evidence.push(trace);
      strength = TRACE_STRENGTH;
    }
    const coOccurrences = coOccurrencesOf(a, b, settings);
    const users: IssueLinkEvidence = {
      kind: "users",
      coOccurrences,
      withinSeconds: settings.coOccurrenceSeconds,
    };
    if (coOccurrences >= MIN_CO_OCCURRENCES) {
      evidence.push(users);
      strength = Math.max(strength, CO_OCCURRENCE_STRENGTH);
    }
    const corroborated =
      !settings.burstNeedsCorroboration ||
      trace !== null ||
      coOccurrences >= MIN_CORROBORATING_CO_OCCURRENCES;
    if (inBurst && corroborated) {
      const inA = new Set(a.releases);
      const release = b.releases.find((r) => inA.has(r));
      if (release) evidence.push({ kind: "release", release, firstSeenGapSeconds: gapSeconds });
      const tenants = tenantEvidence(a, b, gapSeconds, settings, weights);
      if (tenants) evidence.push(tenants);
      if (release || tenants) {
        strength = Math.max(strength, BURST_STRENGTH);
        // The single co-occurrence that corroborates the burst is part of the evidence shown.
        if (coOccurrences > 0 && coOccurrences < MIN_CO_OCCURRENCES) evidence.push(users);
      }
    }
    if (evidence.length > 0) links.push({ a: a.id, b: b.id, strength, evidence });
  }
  return links;
}
