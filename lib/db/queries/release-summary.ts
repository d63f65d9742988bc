import { sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issueReleases, issues, releases } from "../schema";
import { firstReleaseOf } from "./first-release";

export type ReleaseSummary = {
  release: string;
  /** When Sift first saw the release in each project (kept by the grouping job); empty until then. */
  projects: { projectId: string; firstSeen: Date }[];
  /** Issues with a stored event in the release. */
  issueCount: number;
  /** Of those, first seen in it: the list's `firstRelease` filter. */
  newCount: number;
  /** Of those, first seen earlier and regressed (Sentry's substatus): the list's `regressedIn` filter. */
  regressedCount: number;
};

/**
 * One release's issues counted as the release page's two lists select them, so the counts and the
 * lists agree. Starts from the release's issues (issue_releases_release, an index range)
 * and reads one first event per issue; null when no stored event carried the release.
 */
export async function getReleaseSummary(db: Database, release: string): Promise<ReleaseSummary | null> {
  const [counts] = rowsOf<{ issues: number; new: number; regressed: number }>(
    await db.execute(sql`
      with hit as (
        select ${issues.id} as id, ${issues.substatus} as substatus, ${firstReleaseOf(issues.id, issues)} as first_release
        from ${issues}
        where ${issues.id} in (select ${issueReleases.issueId} from ${issueReleases}
          where ${issueReleases.release} = ${release}))
      select count(*)::int as issues,
        (count(*) filter (where first_release = ${release}))::int as new,
        (count(*) filter (where first_release is distinct from ${release} and substatus = 'regressed'))::int
          as regressed
      from hit`),
  );
  if (!counts || counts.issues === 0) return null;
  const projects = await db
    .select({ projectId: releases.projectId, firstSeen: releases.firstSeen })
    .from(releases)
    .where(sql`${releases.version} = ${release}`)
    .orderBy(releases.firstSeen, releases.projectId);
  return {
    release,
    projects,
    issueCount: counts.issues,
    newCount: counts.new,
    regressedCount: counts.regressed,
  };
}
