import type { RawEvent, RawFrame } from "@/lib/analysis/types";
import { withThreadStacks } from "./exception-stacks";
import type { SentryEvent } from "./webhook-payload";

export type EventEnvelope = {
  id: string;
  issueId: string;
  projectId: string;
  occurredAt: Date;
  platform: string | null;
  title: string | null;
  message: string | null;
  release: string | null;
  environment: string | null;
  traceId: string | null;
  url: string | null;
  tags: Record<string, string>;
  /** False when no code caught the primary exception; null when the event does not say. */
  handled: boolean | null;
  raw: RawEvent;
};

type WireStacktrace = SentryEvent["stacktrace"];
/**
 * The primary (last) exception's mechanism.handled, else Sentry's `handled` tag ("yes"/"no"),
 * which processed events repeat from it; null when neither is there.
 */
export function handledOf(
  exceptions: { mechanism?: { handled?: boolean | null } | null }[],
  tags: Record<string, string>,
): boolean | null {
  const flag = exceptions.at(-1)?.mechanism?.handled;
  if (typeof flag === "boolean") return flag;
  return tags.handled === "yes" ? true : tags.handled === "no" ? false : null;
}

type WireFrame = NonNullable<
  NonNullable<NonNullable<SentryEvent["exception"]>["values"]>[number]["stacktrace"]
>;

function framesOf(stacktrace: WireStacktrace): RawFrame[] {
  return (stacktrace?.frames ?? []).map((f) => ({
    filename: f.filename,
    absPath: f.abs_path,
    function: f.function,
    module: f.module,
    lineNo: f.lineno,
    colNo: f.colno,
    inApp: f.in_app,
    platform: f.platform,
    package: f.package,
  }));
}

function tagsOf(tags: SentryEvent["tags"]): Record<string, string> {
  if (!tags) return {};
  const entries = Array.isArray(tags) ? tags : Object.entries(tags);
  const out: Record<string, string> = {};
  for (const [key, value] of entries) if (value != null) out[key] = String(value);
  return out;
}

function occurredAt(event: SentryEvent, fallback: Date): Date {
  if (event.timestamp != null) return new Date(event.timestamp * 1000);
  if (event.datetime) return new Date(event.datetime);
  return fallback;
}

function traceIdOf(event: SentryEvent): string | null {
  const trace = event.contexts?.trace as { trace_id?: unknown } | undefined;
  return typeof trace?.trace_id === "string" ? trace.trace_id : null;
}

export function eventFromSentry(event: SentryEvent, receivedAt: Date): EventEnvelope {
  const tags = tagsOf(event.tags);
  const exceptions = withThreadStacks(
    (event.exception?.values ?? []).map((e) => ({
      type: e.type,
      value: e.value,
      module: e.module,
      threadId: e.thread_id ?? null,
      frames: framesOf(e.stacktrace),
    })),
    (event.threads?.values ?? []).map((t) => ({
      id: t.id ?? null,
      crashed: t.crashed === true,
      current: t.current === true,
      frames: framesOf(t.stacktrace),
    })),
    framesOf(event.stacktrace),
  );
  const url = event.request?.url ?? tags.url ?? null;
  const message = event.message || event.logentry?.formatted || event.logentry?.message || null;
  return {
    id: event.event_id.toLowerCase(),
    issueId: event.issue_id,
    projectId: event.project,
    occurredAt: occurredAt(event, receivedAt),
    platform: event.platform ?? null,
    title: event.title ?? null,
    message,
    release: event.release ?? tags.release ?? null,
    environment: event.environment ?? tags.environment ?? null,
    traceId: traceIdOf(event),
    url,
    tags,
    handled: handledOf(event.exception?.values ?? [], tags),
    raw: {
      platform: event.platform ?? null,
      message,
      exceptions,
      tags,
      user: event.user ?? null,
      requestUrl: url,
    },
  };
}
