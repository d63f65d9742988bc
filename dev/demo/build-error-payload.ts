import { type DemoIssueSpec, type DemoUser, demoInstallationUuid, demoIssues, demoOrg } from "./demo-catalog";
import { hexId, sentryActor, sentryDatetime } from "./demo-wire";
import type { Sample } from "./load-sample";
import { platformOf, type Summary } from "./summarise-sample";

/** One planned occurrence: when, in which trace, and whom it hit. */
export type DemoEvent = {
  time: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string | undefined;
  user: DemoUser;
};

// Keys the demo sets itself; the rest of the sample is carried over as Sentry stored it.
const replacedSampleKeys = new Set([
  "event_id",
  "project",
  "release",
  "dist",
  "platform",
  "message",
  "datetime",
  "tags",
  "culprit",
  "title",
  "location",
  "contexts",
  "breadcrumbs",
  "user",
  "request",
  "timestamp",
  "received",
  "level",
  "environment",
  "metadata",
  "type",
  "fingerprint",
  "hashes",
  "transaction",
  "version",
  "key_id",
]);
const dropFromSampleTags = new Set([
  "environment",
  "level",
  "release",
  "sentry:release",
  "sentry:user",
  "user",
  "url",
]);

function sampleTags(sample: Sample): [string, string][] {
  const tags = Array.isArray(sample.tags) ? sample.tags : Object.entries(sample.tags ?? {});
  return tags.filter(([key]) => !dropFromSampleTags.has(key));
}

/** The `error.created` body for one event, shaped like Sentry's `Event.as_dict()` plus the URLs it adds. */
export function buildErrorPayload(
  spec: DemoIssueSpec,
  sample: Sample,
  summary: Summary,
  event: DemoEvent,
  counter: number,
) {
  const eventId = hexId(`event:${counter}`, 32);
  const platform = platformOf(spec, sample);
  const request = spec.request
    ? {
        url: spec.request.url,
        method: spec.request.method ?? null,
        query_string: [],
        cookies: null,
        data: null,
        env: null,
      }
    : sample.request && { ...sample.request, cookies: null, env: null };
  const contexts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sample.contexts ?? {})) contexts[key] = { type: key, ...value };
  contexts.trace = {
    type: "trace",
    trace_id: event.traceId,
    span_id: event.spanId,
    ...(event.parentSpanId ? { parent_span_id: event.parentSpanId } : {}),
    op: spec.causedBy ? "navigation" : "http.server",
    status: "internal_error",
  };
  if (spec.serverError) contexts.response = { type: "response", status_code: 500 };
  const crumbs = sample.breadcrumbs?.values ?? [];
  const breadcrumbs: Record<string, unknown>[] = crumbs.map((crumb, i) => ({
    ...crumb,
    timestamp: (event.time - (crumbs.length - i) * 2000) / 1000,
  }));
  if (spec.causedBy) {
    const backend = demoIssues.find((s) => s.slug === spec.causedBy)?.request;
    breadcrumbs.push({
      type: "http",
      category: "fetch",
      level: "error",
      timestamp: (event.time - 120) / 1000,
      data: { method: backend?.method ?? "GET", url: backend?.url, status_code: 500 },
    });
  }
  const tags: [string, string][] = [
    ...sampleTags(sample),
    ["environment", "production"],
    ["level", summary.level],
    ["release", spec.release],
    ["user", `id:${event.user.id}`],
    ["tenant_id", event.user.tenant_id],
    ["roles", event.user.roles.join(",")],
    ...(request?.url ? [["url", String(request.url)] as [string, string]] : []),
    ...(spec.serverError ? [["http.status_code", "500"] as [string, string]] : []),
    ...(spec.request ? [["transaction", spec.request.transaction] as [string, string]] : []),
  ];
  const rest = Object.fromEntries(Object.entries(sample).filter(([key]) => !replacedSampleKeys.has(key)));
  // as_dict(): fixed leading keys, then every other stored key sorted, then culprit/title/location.
  const stored: Record<string, unknown> = {
    ...rest,
    breadcrumbs: { values: breadcrumbs },
    contexts,
    environment: "production",
    fingerprint: ["{{ default }}"],
    hashes: [hexId(`hash:${spec.issueId}`, 32)],
    level: summary.level,
    metadata: summary.metadata,
    received: Math.round(event.time + 800) / 1000,
    request: request ?? null,
    timestamp: event.time / 1000,
    ...(spec.request ? { transaction: spec.request.transaction } : {}),
    type: summary.type,
    user: { ...event.user },
    version: "7",
  };
  const sorted = Object.fromEntries(
    Object.keys(stored)
      .sort()
      .map((key) => [key, stored[key]]),
  );
  const projectUrl = `https://sentry.io/api/0/projects/${demoOrg}/${spec.slug}`;
  const error = {
    event_id: eventId,
    project: spec.projectId,
    release: spec.release,
    dist: null,
    platform,
    message: sample.logentry?.message ?? sample.message ?? "",
    datetime: sentryDatetime(event.time),
    tags,
    ...sorted,
    culprit: summary.culprit,
    title: summary.title,
    location: summary.location,
    url: `${projectUrl}/events/${eventId}/`,
    web_url: `https://sentry.io/organizations/${demoOrg}/issues/${spec.issueId}/events/${eventId}/`,
    issue_url: `https://sentry.io/api/0/organizations/${demoOrg}/issues/${spec.issueId}/`,
    issue_id: spec.issueId,
  };
  return {
    action: "created",
    installation: { uuid: demoInstallationUuid },
    data: { error },
    actor: sentryActor,
  };
}
