import { readFileSync } from "node:fs";
import path from "node:path";
import { buildErrorPayload, type DemoEvent } from "./build-error-payload";
import { buildIssuePayload, buildSettledPayloads } from "./build-issue-payload";
import { type DemoIssueSpec, type DemoUser, demoIssues, demoUsers } from "./demo-catalog";
import { hexId, toSentryJson, unit } from "./demo-wire";
import { loadSample, type Sample } from "./load-sample";
import { platformOf, summarise } from "./summarise-sample";

export type DemoDelivery = {
  resource: "error" | "issue";
  /** The exact JSON text to sign and send. */
  body: string;
};

function spreadTimes(spec: DemoIssueSpec, now: number): number[] {
  const first = now - spec.firstSeenHoursAgo * 3_600_000;
  const last = now - spec.lastSeenMinutesAgo * 60_000;
  const gap = spec.events > 1 ? (last - first) / (spec.events - 1) : 0;
  return Array.from({ length: spec.events }, (_, i) => {
    const inner = i > 0 && i < spec.events - 1;
    const jitter = inner ? (unit(`${spec.slug}:time:${i}`) - 0.5) * gap * 0.4 : 0;
    return Math.round(first + gap * i + jitter);
  });
}

function browserSpanId(slug: string, traceId: string): string {
  return hexId(`${slug}:span:${traceId}`, 16);
}

function planEvents(spec: DemoIssueSpec, now: number, planned: Map<string, DemoEvent[]>): DemoEvent[] {
  const cause = spec.causedBy ? planned.get(spec.causedBy) : undefined;
  if (cause) {
    // The browser's span is the trace root and the backend call its child; the browser error lands just after.
    return cause.map((backend) => ({
      time: backend.time + 350,
      traceId: backend.traceId,
      spanId: browserSpanId(spec.slug, backend.traceId),
      user: backend.user,
    }));
  }
  const caller = demoIssues.find((other) => other.causedBy === spec.slug);
  return spreadTimes(spec, now).map((time, i) => {
    const tenant = spec.tenants[i % spec.tenants.length] ?? "acme";
    const staff = demoUsers.filter((u) => u.tenant_id === tenant);
    const user = staff[(i + spec.projectId) % staff.length] ?? (demoUsers[0] as DemoUser);
    const traceId = hexId(`${spec.slug}:trace:${i}`, 32);
    const parentSpanId = caller ? browserSpanId(caller.slug, traceId) : undefined;
    return { time, traceId, spanId: hexId(`${spec.slug}:span:${i}`, 16), parentSpanId, user };
  });
}

/** The sample with its primary exception's message replaced, when the spec gives one. */
function withExceptionValue(sample: Sample, value: string | undefined): Sample {
  const values = sample.exception?.values;
  if (value === undefined || !values?.length) return sample;
  const primary = { ...values.at(-1), value };
  return { ...sample, exception: { values: [...values.slice(0, -1), primary] } };
}

const HOUR = 3_600_000;

/**
 * Turns Sentry's real sample events into a believable recent history: one `issue.created` per issue at
 * its first event, then `error.created` for every event, and for a settled past issue its team's
 * `issue.assigned` and `issue.resolved`, in time order. Ids and times depend only on
 * `now`, so the same `now` yields byte-identical bodies (and a replay is seen as duplicates).
 */
export function buildDemoDeliveries(fixturesDir: string, options: { now: Date }): DemoDelivery[] {
  const now = options.now.getTime();
  const template = JSON.parse(
    readFileSync(path.join(fixturesDir, "webhooks/webhook-issue-created.json"), "utf8"),
  );
  const planned = new Map<string, DemoEvent[]>();
  const timed: { time: number; delivery: DemoDelivery }[] = [];
  let counter = 0;
  for (const spec of demoIssues) {
    const sample = withExceptionValue(loadSample(fixturesDir, spec.sample), spec.exceptionValue);
    const events = planEvents(spec, now, planned);
    planned.set(spec.slug, events);
    const summary = summarise(spec, sample);
    const platform = platformOf(spec, sample);
    const first = events[0]?.time ?? now;
    const created = buildIssuePayload(template, spec, summary, first, platform);
    timed.push({ time: first - 1, delivery: { resource: "issue", body: toSentryJson(created) } });
    const last = events.at(-1)?.time ?? first;
    const settled = buildSettledPayloads(created, spec, events.length, last);
    if (settled) {
      timed.push({
        time: last + HOUR,
        delivery: { resource: "issue", body: toSentryJson(settled.assigned) },
      });
      timed.push({
        time: last + 24 * HOUR,
        delivery: { resource: "issue", body: toSentryJson(settled.resolved) },
      });
    }
    for (const event of events) {
      const body = toSentryJson(buildErrorPayload(spec, sample, summary, event, ++counter));
      timed.push({ time: event.time, delivery: { resource: "error", body } });
    }
  }
  return timed.sort((a, b) => a.time - b.time).map((t) => t.delivery);
}
