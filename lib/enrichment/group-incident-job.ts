import { z } from "zod";
import { defaultLinkSettings, type LinkSettings, linkIssues } from "@/lib/analysis/incident-links";
import type { Database } from "@/lib/db/connect";
import {
  findLinkCandidates,
  loadIncidentFacts,
  recordReleasesOf,
  replaceAutoLinks,
} from "@/lib/db/queries/incident-evidence";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";
import { refreshIncidentOf, regroupIncidents } from "./regroup-incidents";

export const GROUP_INCIDENT_JOB = "group_incident";

// Candidates per kind (shared traces, first seen nearby) read for one issue.
const CANDIDATE_LIMIT = 200;

/**
 * Finds what links this issue to others now (shared traces, a burst on a release or tenant set),
 * replaces its earlier links with those, and regroups the incidents around it: incremental, each
 * run touches only the issues linked to this one.
 */
export async function runGroupIncidentJob(
  db: Database,
  issueId: string,
  settings: LinkSettings = defaultLinkSettings,
): Promise<void> {
  await db.transaction(async (tx) => {
    await recordReleasesOf(tx, issueId);
    const factOptions = { newReleaseSeconds: settings.burstWindowSeconds };
    const [issue] = await loadIncidentFacts(tx, [issueId], factOptions);
    if (!issue) throw new Error(`issue ${issueId} does not exist`);
    const candidateIds = await findLinkCandidates(tx, issue, {
      windowSeconds: settings.burstWindowSeconds,
      limit: CANDIDATE_LIMIT,
    });
    const candidates = await loadIncidentFacts(tx, candidateIds, factOptions);
    const changed = await replaceAutoLinks(tx, issueId, linkIssues(issue, candidates, settings));
    // Most events of a running fire add evidence to links that exist: no regrouping needed then.
    if (changed) await regroupIncidents(tx, [issueId]);
    else await refreshIncidentOf(tx, issueId);
  });
}

/** Incident grouping as a job kind: queued with each analysis, its subject a Sentry issue id. */
export function groupIncidentJob(settings: LinkSettings = defaultLinkSettings): JobKind {
  return {
    name: GROUP_INCIDENT_JOB,
    subject: z.string().regex(/^\d{1,20}$/, "a Sentry issue id"),
    retry: defaultRetry,
    run: ({ db, subjectId }) => runGroupIncidentJob(db, subjectId, settings),
  };
}
