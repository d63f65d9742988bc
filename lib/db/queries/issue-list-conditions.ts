import { eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { ErrorCategory } from "@/lib/analysis/types";
import {
  incidentIssues,
  issueEnvironments,
  issueReleases,
  issues,
  issueTenants,
  issueUsers,
  projects,
} from "../schema";
import { firstReleaseOf } from "./first-release";
import { issuesWithWords, searchMatchesFromIndexes, substringPattern } from "./search-candidates";
import { amongUserIssues } from "./user-issues";

/** What the issue list can be narrowed by; every field is optional and they combine with AND. */
export type IssueListConditions = {
  q?: string;
  /** A project's slug or id. */
  project?: string;
  /** Issues with at least one stored event in this environment / release. */
  environment?: string;
  release?: string;
  /** Issues whose first stored event carried this release: new in it. */
  firstRelease?: string;
  /**
   * Issues that came back in this release: an event in it, first seen in an earlier one, and
   * Sentry's substatus "regressed" (it went resolved → unresolved on a new event).
   */
  regressedIn?: string;
  level?: string;
  status?: string;
  /** The owner the newest analysis named, e.g. "#payments". */
  owner?: string;
  category?: ErrorCategory;
  /** "P0" … "P3": the newest analysis's tier. */
  priority?: string;
  /** Issues that hit this tenant / user. */
  tenant?: string;
  user?: string;
  /** Issues in this incident now. */
  incident?: string;
  /** Last seen at or after / before these times. */
  seenAfter?: Date;
  seenBefore?: Date;
};

// Each filter that reads another table is an EXISTS on an index of it (see the indexes beside
// events, issue_users and issue_tenants in schema.ts), which PostgreSQL runs as a semi-join from
// whichever side is smaller, so no filter scans an issue's events.
const newestAnalysis = (field: "owner" | "category") =>
  sql`(select a.${sql.raw(field)}->>${field} from analyses a where a.issue_id = ${issues.id}
    order by a.version desc limit 1)`;

/**
 * `searchFromIndexes`: the search's matches are few (hasFewSearchCandidates), so they are looked up
 * first instead of checking issue after issue; `userIssuesFirst` likewise for the user's issues
 * (hasFewUserIssues).
 */
export function issueListConditions(
  filter: IssueListConditions,
  options: { searchFromIndexes?: boolean; userIssuesFirst?: boolean } = {},
): SQL[] {
  const conditions: SQL[] = [];
  const add = (condition: SQL | undefined) => condition && conditions.push(condition);
  if (filter.status) add(eq(issues.status, filter.status));
  if (filter.level) add(eq(issues.level, filter.level));
  if (filter.priority) add(eq(issues.priorityTier, Number(filter.priority.slice(1))));
  if (filter.seenAfter) add(sql`${issues.lastSeen} >= ${filter.seenAfter.toISOString()}::timestamptz`);
  if (filter.seenBefore) add(sql`${issues.lastSeen} < ${filter.seenBefore.toISOString()}::timestamptz`);
  if (filter.project) add(or(eq(projects.slug, filter.project), eq(projects.id, filter.project)));
  // The newest analysis decides: an issue re-categorised or re-owned leaves its old verdict behind.
  if (filter.category) add(sql`${newestAnalysis("category")} = ${filter.category}`);
  if (filter.owner) add(sql`${newestAnalysis("owner")} = ${filter.owner}`);
  if (filter.environment) add(hasEnvironment(filter.environment));
  if (filter.release) add(hasRelease(filter.release));
  // Both start from the release's issues (issue_releases), then read one first event per issue.
  if (filter.firstRelease) {
    add(hasRelease(filter.firstRelease));
    add(sql`${firstReleaseOf(issues.id, issues)} = ${filter.firstRelease}`);
  }
  if (filter.regressedIn) {
    add(hasRelease(filter.regressedIn));
    add(sql`${issues.substatus} = 'regressed'`);
    add(sql`${firstReleaseOf(issues.id, issues)} is distinct from ${filter.regressedIn}`);
  }
  if (filter.tenant) {
    add(sql`exists (select 1 from ${issueTenants} where ${issueTenants.issueId} = ${issues.id}
      and ${issueTenants.tenantId} = ${filter.tenant})`);
  }
  if (filter.user && options.userIssuesFirst) add(amongUserIssues(filter.user));
  else if (filter.user) {
    add(sql`exists (select 1 from ${issueUsers} where ${issueUsers.issueId} = ${issues.id}
      and ${issueUsers.userId} = ${filter.user})`);
  }
  if (filter.incident) {
    add(sql`exists (select 1 from ${incidentIssues} where ${incidentIssues.issueId} = ${issues.id}
      and ${incidentIssues.incidentId} = ${filter.incident}::bigint)`);
  }
  if (filter.q) add(matchesText(filter.q, options.searchFromIndexes ?? false));
  return conditions;
}

// From the issue's rollup of what its stored events carried, not the events: one index probe per
// issue, or a range of the value's issues, whichever side is smaller.
const hasRelease = (release: string) =>
  sql`exists (select 1 from ${issueReleases} where ${issueReleases.issueId} = ${issues.id}
    and ${issueReleases.release} = ${release})`;
const hasEnvironment = (environment: string) =>
  sql`exists (select 1 from ${issueEnvironments} where ${issueEnvironments.issueId} = ${issues.id}
    and ${issueEnvironments.environment} = ${environment})`;

/**
 * The search: the short id, title and culprit as literal substrings (ILIKE, % and _ escaped: exact
 * for paths and identifiers), or the words of any stored event's message or exception value (full
 * text, 'simple' config; websearch syntax: "a phrase", or, -word), read from issue_search_texts (one
 * row per distinct text of an issue, on its GIN index), never from the events. With `fromIndexes`
 * (few issues may match: hasFewSearchCandidates) the matching issues are found from the indexes
 * first; otherwise the issues are read in the list's order and checked, as the first page's
 * matches come soon.
 */
function matchesText(q: string, fromIndexes: boolean): SQL | undefined {
  const found = fromIndexes ? searchMatchesFromIndexes(q) : null;
  if (found) return sql`${issues.id} in (${found})`;
  const pattern = substringPattern(q);
  return or(
    ilike(issues.title, pattern),
    ilike(issues.culprit, pattern),
    ilike(issues.shortId, pattern),
    sql`${issues.id} in (${issuesWithWords(q)})`,
  );
}
