import type { Database } from "@/lib/db/connect";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { issueFromSentry } from "@/lib/sentry/to-issue";
import type { SentryIssue } from "@/lib/sentry/webhook-payload";

/**
 * The one way Sentry's record of an issue (an issue.* webhook or the API's issue list) becomes rows:
 * its project and the issue, authoritative for everything but the seen range. `changed` is true when
 * the issue is new to Sift or was seen again since, which is when it needs a new analysis.
 */
export async function storeIssue(
  db: Database,
  sentryIssue: SentryIssue,
): Promise<{ issueId: string; changed: boolean }> {
  const { project, issue } = issueFromSentry(sentryIssue);
  const before = await getIssueRow(db, issue.id);
  await upsertProject(db, project);
  await upsertIssue(db, issue);
  return { issueId: issue.id, changed: !before || issue.lastSeen.getTime() > before.lastSeen.getTime() };
}
