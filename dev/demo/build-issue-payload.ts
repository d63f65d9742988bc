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
