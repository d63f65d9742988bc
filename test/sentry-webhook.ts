import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { signedWebhookHeaders } from "@/lib/sentry/verify-signature";

const fixturesDir =
  process.env.SIFT_FIXTURES_DIR ?? path.resolve(import.meta.dirname, "../../shared/sentry/fixtures");

export const readFixture = (name: string) => readFileSync(path.join(fixturesDir, "webhooks", name), "utf8");

export const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** A numeric Sentry issue id unlikely to collide across runs against the same database. */
export const uniqueIssueId = () => String(Date.now() * 1000 + Math.floor(Math.random() * 1000));

type ErrorOverrides = {
  eventId?: string;
  issueId?: string;
  user?: Record<string, unknown>;
  title?: string;
  /** Added to the fixture's [key, value] tag pairs, as an SDK's setTag would. */
  tags?: [string, string][];
  project?: string;
  platform?: string;
  /** When it happened (epoch ms); now when absent. */
  at?: number;
  /** The trace context's id, as an SDK with tracing sets it. */
  traceId?: string;
};

/** The real error.created fixture with fresh ids, so each test owns its issue. */
export function errorCreatedBody(overrides: ErrorOverrides = {}): {
  body: string;
  eventId: string;
  issueId: string;
  title: string;
} {
  const payload = JSON.parse(readFixture("webhook-error-created.json"));
  const eventId = overrides.eventId ?? hex(16);
  const issueId = overrides.issueId ?? uniqueIssueId();
  const error = payload.data.error;
  error.event_id = eventId;
  error.issue_id = issueId;
  const at = overrides.at ?? Date.now();
  error.timestamp = at / 1000;
  error.datetime = new Date(at).toISOString();
  if (overrides.project) error.project = overrides.project;
  if (overrides.platform) error.platform = overrides.platform;
  if (overrides.traceId)
    error.contexts = { trace: { type: "trace", trace_id: overrides.traceId, span_id: hex(8) } };
  if (overrides.title) error.title = overrides.title;
  if (overrides.user) error.user = overrides.user;
  if (overrides.tags) error.tags = [...error.tags, ...overrides.tags];
  return { body: JSON.stringify(payload), eventId, issueId, title: error.title };
}

/** Headers exactly as Sentry sends them, signed with `secret`. */
export const sentryHeaders = (resource: string, body: string, secret: string): Record<string, string> =>
  signedWebhookHeaders(resource, body, secret, "sentry/e2e (https://sentry.io)");
