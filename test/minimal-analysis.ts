import type { NewAnalysis } from "@/lib/db/queries/analyses";

/** An analysis with nothing in it but its issue and the analyser version that made it. */
export const minimalAnalysis = (issueId: string, analyserVersion: string): NewAnalysis => ({
  issueId,
  analyserVersion,
  summary: "s",
  owner: { owner: "#triage", source: "fallback", rule: null },
  blastRadius: { events: 1, users: 0, tenants: 0, topTenants: [], roles: [] },
  inAppFrames: [],
});
