import type { Scenario, ScenarioEvent } from "./generate-scenario";

/** The `error.created` body Sentry would send for one planned event, built on a real delivery. */
export function scenarioDelivery(
  template: string,
  scenario: Scenario,
  event: ScenarioEvent,
  counter: number,
) {
  const payload = JSON.parse(template) as { data: { error: Record<string, unknown> } };
  const issue = scenario.issues.find((i) => i.id === event.issueId);
  if (!issue) throw new Error(`event of unknown issue ${event.issueId}`);
  const e = payload.data.error;
  e.event_id = `${scenario.seed.toString(16).padStart(8, "0")}${counter.toString(16).padStart(24, "0")}`;
  e.issue_id = issue.id;
  e.project = issue.projectId;
  e.platform = issue.platform;
  e.title = issue.title;
  e.culprit = `handler(${issue.projectId})`;
  e.release = event.release;
  e.timestamp = event.at / 1000;
  e.datetime = new Date(event.at).toISOString();
  e.contexts = event.traceId
    ? { trace: { type: "trace", trace_id: event.traceId, span_id: "a".repeat(16) } }
    : {};
  e.user = { id: event.user, tenant_id: event.tenant };
  e.tags = [
    ["environment", "production"],
    ["release", event.release],
  ];
  e.exception = {
    values: [
      {
        type: issue.exceptionType,
        value: issue.value,
        stacktrace: {
          frames: [
            { filename: `src/${issue.projectId}/server.ts`, function: "handle", lineno: 10, in_app: true },
            { filename: issue.crashFile, function: "run", lineno: 42, in_app: true },
          ],
        },
      },
    ],
  };
  return { resource: "error", requestId: e.event_id as string, rawBody: JSON.stringify(payload), payload };
}
