import { sentryUrlOrNull } from "./payload-links";
import type { SentryAssignee, SentryEvent, SentryIssue } from "./webhook-payload";

export type ProjectRecord = { id: string; slug: string | null; name: string | null; platform: string | null };

export type AssigneeRecord = { type: string; id: string; name: string | null };

/** Who Sentry says the issue is assigned to, without the email Sentry may add. */
export const assigneeFromSentry = (assignee: SentryAssignee): AssigneeRecord => ({
  type: assignee.type,
  id: assignee.id,
  name: assignee.name ?? null,
});

export type IssueRecord = {
  id: string;
  shortId: string | null;
  projectId: string;
  title: string;
  culprit: string | null;
  level: string | null;
  status: string;
  platform: string | null;
  permalink: string | null;
  firstSeen: Date;
  lastSeen: Date;
  sentryCount: number | null;
  sentryUserCount: number | null;
};

/** Sentry's workflow state in one snapshot of the issue; assignee undefined when it was not sent. */
export type IssueStateRecord = {
  status: string;
  substatus: string | null;
  /** The release Sentry says a resolved issue was resolved in; null when none or not resolved. */
  resolvedInRelease: string | null;
  assignee: AssigneeRecord | null | undefined;
};

export function issueStateFromSentry(issue: SentryIssue): IssueStateRecord {
  return {
    status: issue.status,
    substatus: issue.substatus ?? null,
    resolvedInRelease: (issue.status === "resolved" && issue.statusDetails?.inRelease) || null,
    assignee:
      issue.assignedTo === undefined ? undefined : issue.assignedTo && assigneeFromSentry(issue.assignedTo),
  };
}

// Sentry sends counts as strings or numbers; they are display hints, so an odd one is dropped
// rather than refusing the delivery.
function countOf(value: string | number | null | undefined): number | null {
  const n = value == null ? Number.NaN : Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** `sentryHosts`: where the permalink may lead (payload-links.ts); any other link is dropped. */
export function issueFromSentry(
  issue: SentryIssue,
  sentryHosts: readonly string[],
): { project: ProjectRecord; issue: IssueRecord } {
  return {
    project: {
      id: issue.project.id,
      slug: issue.project.slug ?? null,
      name: issue.project.name ?? null,
      platform: issue.project.platform || null,
    },
    issue: {
      id: issue.id,
      shortId: issue.shortId ?? null,
      projectId: issue.project.id,
      title: issue.title,
      culprit: issue.culprit ?? null,
      level: issue.level ?? null,
      status: issue.status,
      platform: issue.platform ?? null,
      permalink: sentryUrlOrNull(issue.permalink, sentryHosts) ?? sentryUrlOrNull(issue.web_url, sentryHosts),
      firstSeen: new Date(issue.firstSeen),
      lastSeen: new Date(issue.lastSeen),
      sentryCount: countOf(issue.count),
      sentryUserCount: countOf(issue.userCount),
    },
  };
}

// error.created names the project only by numeric id; its slug and the org live in the event URLs.
const projectSlugInUrl = /\/projects\/[^/]+\/([^/]+)\/events\//;

export function projectSlugFromEvent(event: SentryEvent): string | null {
  return event.url?.match(projectSlugInUrl)?.[1] ?? null;
}

export function issueWebUrlFromEvent(event: SentryEvent, sentryHosts: readonly string[]): string | null {
  return sentryUrlOrNull(event.web_url?.replace(/events\/[0-9a-f]{32}\/?$/i, ""), sentryHosts);
}

/** The issue as far as one of its events tells it; an issue.* webhook or the API fills in the rest. */
export function issueFromEvent(
  event: SentryEvent,
  occurredAt: Date,
  sentryHosts: readonly string[],
): { project: ProjectRecord; issue: IssueRecord } {
  return {
    project: {
      id: event.project,
      slug: projectSlugFromEvent(event),
      name: null,
      platform: event.platform ?? null,
    },
    issue: {
      id: event.issue_id,
      shortId: null,
      projectId: event.project,
      title: event.title || event.message || "(no title)",
      culprit: event.culprit ?? null,
      level: event.level ?? null,
      status: "unresolved",
      platform: event.platform ?? null,
      permalink: issueWebUrlFromEvent(event, sentryHosts),
      firstSeen: occurredAt,
      lastSeen: occurredAt,
      sentryCount: null,
      sentryUserCount: null,
    },
  };
}
