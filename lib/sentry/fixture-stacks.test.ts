import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseStack } from "@/lib/analysis/normalise-stack";
import { eventFromSentry } from "./to-event";
import { sentryEvent } from "./webhook-payload";

// Every real event Sift has, through the real webhook schema, mapping and normalisation. The
// counts are read off the fixture files by hand: frames on the exception(s), else on the thread
// Sentry shows; in-app as the SDK marked it, else as the platform's rules say.

const fixturesDir = path.resolve(process.cwd(), "../shared/sentry/fixtures");
const readJson = (relative: string) => JSON.parse(readFileSync(path.join(fixturesDir, relative), "utf8"));

// Sample events are bare events; a webhook wraps one with the ids Sift keys rows on.
const ids = { event_id: "0123456789abcdef0123456789abcdef", issue_id: "1", project: "1" };

function stackOf(event: Record<string, unknown>) {
  const mapped = eventFromSentry(sentryEvent.parse({ ...ids, ...event }), new Date(0));
  return { mapped, stack: normaliseStack(mapped.raw) };
}

const samples: [file: string, frames: number, inApp: number, type: string | null][] = [
  // 23 frames on the current thread; the NSError exception itself has none.
  ["grouping-input-cocoa-nserror.json", 23, 3, "iOS_Swift.SampleError"],
  ["grouping-input-go-pkg-mod.json", 2, 1, "*pq.Error"],
  // The SDK marked all 13 false (no inAppIncludes); io.sentry.sample.* are the app's.
  ["sample-android.json", 13, 2, "Exception"],
  // A message event: its stack is the top-level stacktrace.
  ["sample-csharp-aspnetcore.json", 70, 5, null],
  // All false, no platform: Ace.Raxx.Handler ×2 and HelloHTTP2.WWW, not proc_lib / gen_server.
  ["sample-elixir.json", 6, 3, "exit"],
  ["sample-java.json", 57, 3, "ApiException"],
  ["sample-javascript.json", 4, 3, "TypeError"],
  // No verdict at all; nothing under vendor/.
  ["sample-php.json", 4, 4, "Exception"],
  ["sample-python-modern.json", 2, 2, "Exception"],
  // All false, in a virtualenv: no app frame.
  ["sample-python.json", 5, 0, null],
  ["sample-ruby.json", 3, 1, "ZeroDivisionError"],
];

describe("every frame of every real event", () => {
  it.each(samples)("%s: %i frames, %i in-app", (file, frames, inApp, type) => {
    const { stack } = stackOf(readJson(`events/${file}`));
    expect(stack.frames).toHaveLength(frames);
    expect(stack.inAppFrames).toHaveLength(inApp);
    expect(stack.exceptionType).toBe(type);
  });

  it.each([
    ["webhook-error-created.json", "error", 1],
    ["webhook-event_alert-triggered.json", "event", 3],
  ] as const)(
    "%s (data.%s): %i frames, none in-app (the browser SDK marked all false)",
    (file, key, frames) => {
      const { stack } = stackOf(readJson(`webhooks/${file}`).data[key]);
      expect(stack.frames).toHaveLength(frames);
      expect(stack.inAppFrames).toEqual([]);
    },
  );

  it("reads the Cocoa thread's frames by binary image, the app's last", () => {
    const { stack } = stackOf(readJson("events/grouping-input-cocoa-nserror.json"));
    expect(stack.frames[0]).toMatchObject({ function: "start", module: "libdyld.dylib", inApp: false });
    expect(stack.inAppFrames.at(-1)).toMatchObject({
      function: "ViewController.captureError",
      module: "iOS-Swift",
    });
    expect(stack.messageTemplate).toBe(
      "Code=<n> Description=The operation couldn’t be completed. (iOS_Swift.SampleError error <n>.)",
    );
  });

  it("reads the legacy interface keys: exception, user, request and message", () => {
    const { mapped, stack } = stackOf(readJson("events/sample-java.json"));
    expect(mapped.raw.user).toMatchObject({ email: expect.any(String) });
    expect(mapped.url).toMatch(/^https?:\/\//);
    expect(mapped.message).not.toBeNull();
    expect(stack.inAppFrames.at(-1)).toMatchObject({ filename: "ApiRequest.java", function: "perform" });
    expect(stack.inAppFrames.every((f) => f.module?.startsWith("io.sentry.example"))).toBe(true);
  });

  it("reads a message event's logentry when it has no message string", () => {
    const event = readJson("events/sample-csharp-aspnetcore.json");
    expect(stackOf({ ...event, message: undefined }).mapped.message).toBe("Param is null!");
  });
});
