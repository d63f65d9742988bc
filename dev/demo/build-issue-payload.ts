import { type DemoIssueSpec, demoInstallationUuid, demoOrg } from "./demo-catalog";
import { sentryActor, sentryDatetime } from "./demo-wire";
import type { Summary } from "./summarise-sample";

/** The `issue.created` body Sentry sends when an issue's first event arrives, from the documented example. */
export function buildIssuePayload(
  template: { data: { issue: object } },
  spec: DemoIssueSpec,
  summary: Summary,
  first: number,
  platform: string,
) {
  const seen = sentryDatetime(first);
  const issue = {
    ...template.data.issue,
    id: spec.issueId,
    shortId: spec.shortId,
    title: summary.title,
    culprit: summary.culprit,
    level: summary.level,
    metadata: summary.metadata,
    platform,
    project: { id: String(spec.projectId), name: spec.slug, platform: spec.projectPlatform, slug: spec.slug },
    // What Sentry sends at creation: the first event only; later events arrive as error.created.
    count: "1",
    userCount: 1,
    firstSeen: seen,
    lastSeen: seen,
    status: "unresolved",
    substatus: "new",
    priority: summary.level === "error" ? "high" : "medium",
    issueType: "error",
    issueCategory: "error",
    permalink: `https://${demoOrg}.sentry.io/issues/${spec.issueId}/`,
    url: `https://sentry.io/api/0/organizations/${demoOrg}/issues/${spec.issueId}/`,
    web_url: `https://${demoOrg}.sentry.io/issues/${spec.issueId}/`,
    project_url: `https://${demoOrg}.sentry.io/projects/${spec.slug}/`,
  };
  return {
    action: "created",
    installation: { uuid: demoInstallationUuid },
    data: { issue },
    actor: sentryActor,
  };
}

/**
 * The issue.assigned and issue.resolved bodies of a settled past issue: the issue as Sentry
 * serialises it then (no API or web URLs for these actions), assigned to its team, then resolved
 * in a release, with the sibling each action adds (CONTRACT.md 2.3).
 */
export function buildSettledPayloads(
  created: ReturnType<typeof buildIssuePayload>,
  spec: DemoIssueSpec,
  events: number,
  last: number,
): { assigned: object; resolved: object } | null {
  if (!spec.settled) return null;
  const { url: _url, web_url: _web, project_url: _project, ...serialised } = created.data.issue;
  const assignee = { type: "team", id: spec.settled.teamId, name: spec.settled.team };
  const issue = {
    ...serialised,
    count: String(events),
    lastSeen: sentryDatetime(last),
    assignedTo: assignee,
  };
  const assigned = { ...issue, substatus: "ongoing" };
  const resolved = {
    ...issue,
    status: "resolved",
    substatus: null,
    statusDetails: { inRelease: spec.settled.resolvedIn },
  };
  const envelope = { installation: { uuid: demoInstallationUuid }, actor: sentryActor };
  return {
    assigned: { ...envelope, action: "assigned", data: { issue: assigned, assignee } },
    resolved: { ...envelope, action: "resolved", data: { issue: resolved, resolution_type: "in_release" } },
  };
}
