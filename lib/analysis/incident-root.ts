import type { IncidentIssueFacts, RootVerdict } from "./types";

// Platforms whose SDKs run on servers: in a cascade the server's error is usually the cause and the
// browser's or app's the symptom.
const SERVER_PLATFORMS = new Set([
  "python",
  "java",
  "go",
  "node",
  "ruby",
  "php",
  "csharp",
  "elixir",
  "rust",
  "perl",
  "native",
]);

const WEIGHTS = { traceLead: 2, serverSide: 1, earliest: 1 };

/**
 * Softmax temperature turning score differences into a probability, set by hand while looking at
 * generated cascades of seeds 1–20 only; docs/benchmarks.md reports calibration on seeds 201–400.
 */
export const ROOT_TEMPERATURE = 0.5;

type Scored = { facts: IncidentIssueFacts; score: number; reasons: string[] };

function seconds(ms: number): string {
  const s = Math.abs(ms) / 1000;
  return s < 1
    ? `${Math.round(Math.abs(ms))} ms`
    : s < 120
      ? `${Math.round(s)} s`
      : `${Math.round(s / 60)} min`;
}

/**
 * Names the incident's root among its issues: the one earliest in the traces they share (a
 * request's first error is upstream of the rest), on a server, first seen before the others —
 * each with the evidence as a reason. A triager's pinned root wins while it is a member. With
 * `members` sorted or not, ties go to the smallest id so the verdict does not flap. O(members ×
 * traces).
 */
export function chooseRoot(
  members: IncidentIssueFacts[],
  options: { pinned?: string | null; temperature?: number } = {},
): RootVerdict {
  const temperature = options.temperature ?? ROOT_TEMPERATURE;
  // Earliest member and time per trace, over traces two or more members share.
  const byTrace = new Map<string, { count: number; first: string; at: number }>();
  for (const m of members) {
    for (const t of m.traces) {
      const seen = byTrace.get(t.traceId);
      if (!seen) byTrace.set(t.traceId, { count: 1, first: m.id, at: t.firstAt });
      else {
        seen.count++;
        if (t.firstAt < seen.at || (t.firstAt === seen.at && m.id < seen.first)) {
          seen.first = m.id;
          seen.at = t.firstAt;
        }
      }
    }
  }
  const shared = [...byTrace.values()].filter((t) => t.count > 1);
  const earliest = Math.min(...members.map((m) => m.firstSeen));
  const scored: Scored[] = members.map((facts) => {
    const reasons: string[] = [];
    let score = 0;
    if (shared.length > 0) {
      const leads = shared.filter((t) => t.first === facts.id).length;
      score += (WEIGHTS.traceLead * leads) / shared.length;
      if (leads > 0) reasons.push(`first error in ${leads} of ${shared.length} shared traces`);
    }
    if (facts.platform && SERVER_PLATFORMS.has(facts.platform)) {
      score += WEIGHTS.serverSide;
      reasons.push(`server side (${facts.platform})`);
    }
    if (facts.firstSeen === earliest) {
      score += WEIGHTS.earliest;
      const next = Math.min(...members.filter((m) => m.firstSeen > earliest).map((m) => m.firstSeen));
      reasons.push(
        Number.isFinite(next)
          ? `first seen ${seconds(next - earliest)} before the next issue`
          : "first seen earliest",
      );
    }
    return { facts, score, reasons };
  });
  scored.sort((x, y) => y.score - x.score || (x.facts.id < y.facts.id ? -1 : 1));
  const pinned = options.pinned ? scored.find((s) => s.facts.id === options.pinned) : undefined;
  const chosen = pinned ?? (scored[0] as Scored);
  const top = Math.max(...scored.map((s) => s.score));
  const mass = scored.reduce((sum, s) => sum + Math.exp((s.score - top) / temperature), 0);
  const confidence = Math.exp((chosen.score - top) / temperature) / mass;
  return {
    issueId: chosen.facts.id,
    confidence: pinned ? 1 : Math.round(confidence * 100) / 100,
    reasons: pinned ? ["set as root by a triager", ...chosen.reasons] : chosen.reasons,
    pinned: Boolean(pinned),
  };
}
