import type { Database } from "@/lib/db/connect";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { defaultSentryHosts } from "@/lib/sentry/payload-links";
import { type AssigneeRecord, issueFromSentry, issueStateFromSentry } from "@/lib/sentry/to-issue";
import type { SentryIssue } from "@/lib/sentry/webhook-payload";
import { type IssueAction, versionedIssueState } from "./issue-state-version";

export type IssueSnapshotSource = {
  /** The issue.* action that sent it; absent for the poll. */
  action?: IssueAction;
  /** issue.assigned's data.assignee, which names the assignee the delivery is about. */
  assignee?: AssigneeRecord | null;
  /** Where the issue's permalink may lead; absent: sentry.io (IngestOptions.sentryHosts). */
  sentryHosts?: readonly string[];
};

/**
 * The one way Sentry's record of an issue (an issue.* webhook or the API's issue list) becomes rows:
 * its project and the issue, authoritative for everything but the seen range, and Sentry's status,
 * substatus and assignee unless Sift holds a newer version of them (issue-state-version.ts).
 * `changed` is true when the issue is new to Sift or was seen again since, which is when it needs
 * a new analysis.
 */
export async function storeIssue(
  db: Database,
  sentryIssue: SentryIssue,
  source: IssueSnapshotSource = {},
): Promise<{ issueId: string; changed: boolean }> {
  const { project, issue } = issueFromSentry(sentryIssue, source.sentryHosts ?? defaultSentryHosts);
  const state = issueStateFromSentry(sentryIssue);
  if (source.assignee !== undefined) state.assignee = source.assignee;
  const before = await getIssueRow(db, issue.id);
  await upsertProject(db, project);
  await upsertIssue(db, { ...issue, ...versionedIssueState(state, issue.lastSeen, source.action ?? "poll") });
  return { issueId: issue.id, changed: !before || issue.lastSeen.getTime() > before.lastSeen.getTime() };
}
