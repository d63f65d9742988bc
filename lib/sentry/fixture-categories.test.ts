import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { categorise } from "@/lib/analysis/categorise";
import { normaliseStack } from "@/lib/analysis/normalise-stack";
import { sentryApiEvent } from "./api-payload";
import { eventFromApi } from "./api-to-event";
import type { EventEnvelope } from "./to-event";
import { eventFromSentry } from "./to-event";
import { sentryEvent } from "./webhook-payload";

// The real events through the real mapping, normalisation and categorisation.

const fixturesDir = path.resolve(process.cwd(), "../shared/sentry/fixtures");
const readJson = (relative: string) => JSON.parse(readFileSync(path.join(fixturesDir, relative), "utf8"));
const ids = { event_id: "0123456789abcdef0123456789abcdef", issue_id: "1", project: "1" };

function verdictOf(event: EventEnvelope) {
  const stack = normaliseStack(event.raw);
  return categorise({
    exceptionType: stack.exceptionType,
    message: stack.exceptionValue ?? event.message,
    frames: stack.frames,
    platform: event.platform,
  });
}
const fromWebhook = (event: Record<string, unknown>) =>
  verdictOf(eventFromSentry(sentryEvent.parse({ ...ids, ...event }), new Date(0)));

describe("categories of the real events", () => {
  it.each([
    ["events/sample-java.json", "auth", 'message "Authentication failed, token expired!"'],
    ["events/grouping-input-go-pkg-mod.json", "database", 'exception type "*pq.Error"'],
    ["events/sample-javascript.json", "type_error", 'exception type "TypeError"'],
    [
      "events/sample-ruby.json",
      "other",
      'no rule matched exception type "ZeroDivisionError" or message "divided by 0"',
    ],
    ["events/sample-python-modern.json", "other", expect.stringContaining('"Exception"')],
    ["events/sample-php.json", "other", expect.stringContaining('"Exception"')],
    ["events/sample-elixir.json", "other", expect.stringContaining('"exit"')],
    ["events/sample-android.json", "other", expect.stringContaining('"Some exception."')],
    ["events/grouping-input-cocoa-nserror.json", "other", expect.stringContaining("iOS_Swift.SampleError")],
    ["events/sample-csharp-aspnetcore.json", "other", 'no rule matched message "Param is null!"'],
    // A message event whose only text is a template interface.
    ["events/sample-python.json", "other", "no exception type or message to go on"],
  ])("%s → %s", (file, category, reason) => {
    expect(fromWebhook(readJson(file))).toMatchObject({ category, reason });
  });

  it("reads the webhooks' browser ReferenceErrors as type errors", () => {
    expect(fromWebhook(readJson("webhooks/webhook-error-created.json").data.error)).toMatchObject({
      category: "type_error",
      reason: 'exception type "ReferenceError"',
    });
    expect(fromWebhook(readJson("webhooks/webhook-event_alert-triggered.json").data.event).category).toBe(
      "type_error",
    );
  });

  it("reads the API example's 403 as auth", () => {
    const event = eventFromApi(
      sentryApiEvent.parse(readJson("api-examples/get-issue-event.json")),
      "1",
      new Date(0),
    );
    expect(verdictOf(event)).toMatchObject({ category: "auth", reason: 'exception type "ForbiddenError"' });
  });
});
