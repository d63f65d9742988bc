import type { RawException, RawFrame } from "@/lib/analysis/types";
import type { SentryApiEntry, SentryApiEvent } from "./api-payload";
import { withThreadStacks } from "./exception-stacks";
import { type EventEnvelope, handledOf } from "./to-event";

type ApiStacktrace = Extract<SentryApiEntry, { type: "stacktrace" }>["data"];

function framesOf(stacktrace: ApiStacktrace | null | undefined): RawFrame[] {
  return (stacktrace?.frames ?? []).map((f) => ({
    filename: f.filename,
    absPath: f.absPath,
    function: f.function,
    module: f.module,
    lineNo: f.lineNo,
    colNo: f.colNo,
    inApp: f.inApp,
    platform: f.platform,
    package: f.package,
  }));
}

function entryOf<T extends SentryApiEntry["type"]>(event: SentryApiEvent, type: T) {
  return event.entries.find((e): e is Extract<SentryApiEntry, { type: T }> => e.type === type);
}

function exceptionsOf(event: SentryApiEvent): RawException[] {
  return withThreadStacks(
    (entryOf(event, "exception")?.data.values ?? []).map((e) => ({
      type: e.type,
      value: e.value,
      module: e.module,
      threadId: e.threadId ?? null,
      frames: framesOf(e.stacktrace),
    })),
    (entryOf(event, "threads")?.data.values ?? []).map((t) => ({
      id: t.id ?? null,
      crashed: t.crashed === true,
      current: t.current === true,
      frames: framesOf(t.stacktrace),
    })),
    framesOf(entryOf(event, "stacktrace")?.data),
  );
}

function tagsOf(tags: SentryApiEvent["tags"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of tags ?? []) if (value != null) out[key] = value;
  return out;
}

function traceIdOf(event: SentryApiEvent): string | null {
  const trace = event.contexts?.trace as { trace_id?: unknown } | undefined;
  return typeof trace?.trace_id === "string" ? trace.trace_id : null;
}

function releaseOf(event: SentryApiEvent, tags: Record<string, string>): string | null {
  if (typeof event.release === "string") return event.release;
  return event.release?.version ?? tags.release ?? null;
}

/**
 * Maps an event read from Sentry's Web API to the same envelope as a webhook event, so both are
 * stored and analysed alike. `issueId` is the issue it was fetched for: a merged issue's latest
 * event may still name its old group, and the row must hang off the issue we analyse.
 */
export function eventFromApi(event: SentryApiEvent, issueId: string, receivedAt: Date): EventEnvelope {
  const tags = tagsOf(event.tags);
  const exceptions = exceptionsOf(event);
  const url = entryOf(event, "request")?.data.url ?? tags.url ?? null;
  const occurred = event.dateCreated ?? event.dateReceived;
  return {
    id: event.eventID.toLowerCase(),
    issueId,
    projectId: event.projectID,
    occurredAt: occurred ? new Date(occurred) : receivedAt,
    platform: event.platform ?? null,
    title: event.title ?? null,
    message: event.message || null,
    release: releaseOf(event, tags),
    // The API has no top-level environment: Sentry keeps it as a tag.
    environment: tags.environment ?? null,
    traceId: traceIdOf(event),
    url,
    tags,
    handled: handledOf(entryOf(event, "exception")?.data.values ?? [], tags),
    raw: {
      platform: event.platform ?? null,
      message: event.message || null,
      exceptions,
      tags,
      user: event.user ?? null,
      requestUrl: url,
    },
  };
}
