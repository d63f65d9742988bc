import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sentryApiEvent } from "./api-payload";
import { eventFromApi } from "./api-to-event";

const fixture = JSON.parse(
  readFileSync(
    path.resolve(process.cwd(), "../shared/sentry/fixtures/api-examples/get-issue-event.json"),
    "utf8",
  ),
);
const receivedAt = new Date("2030-01-01T00:00:00Z");

describe("eventFromApi", () => {
  it("maps the real API event: camelCase frames, in-app flags, tag objects, user, dateCreated", () => {
    const event = eventFromApi(sentryApiEvent.parse(fixture), "1170820242", receivedAt);
    expect(event).toMatchObject({
      id: "9999aaaaca8b46d797c23c6077c6ff01",
      issueId: "1170820242",
      projectId: "5236886",
      platform: "javascript",
      title: "This is an example Python exception",
      message: null,
      release: "b65bc521378269d3eaefdc964f8ef56621414943",
      environment: "prod",
      traceId: "da6caabcd90e45fdb81f6655824a5f88",
      url: "https://sentry.io/organizations/hellboy-meowmeow/issues/",
    });
    expect(event.occurredAt.toISOString()).toBe("2020-06-17T22:26:56.098Z");
    expect(event.tags).toMatchObject({ "browser.name": "Chrome", handled: "yes", level: "error" });
    // The exception entry's mechanism says handled: true.
    expect(event.handled).toBe(true);
    expect(event.raw.user).toMatchObject({ id: "550747", email: "hell@boy.cat", data: { isStaff: false } });
    expect(event.raw.requestUrl).toBe(event.url);
    const [exception] = event.raw.exceptions;
    expect(exception).toMatchObject({
      type: "ForbiddenError",
      value: "GET /organizations/hellboy-meowmeow/users/ 403",
    });
    expect(exception?.frames).toEqual([
      {
        filename: "/usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js",
        absPath: "webpack:////usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js",
        function: "ignoreOnError",
        module: "usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers",
        lineNo: 71,
        colNo: 23,
        inApp: false,
        platform: null,
        package: null,
      },
      {
        filename: "/usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods.js",
        absPath: "webpack:////usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods.js",
        function: "apply",
        module: "usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods",
        lineNo: 74,
        colNo: 24,
        inApp: false,
        platform: null,
        package: null,
      },
    ]);
  });

  it("keeps an SDK's in-app verdict per frame", () => {
    const payload = structuredClone(fixture);
    payload.entries[0].data.values[0].stacktrace.frames[1].inApp = true;
    const frames = eventFromApi(sentryApiEvent.parse(payload), "1", receivedAt).raw.exceptions[0]?.frames;
    expect(frames?.map((f) => f.inApp)).toEqual([false, true]);
  });

  it("takes a message event's stack from the crashed thread, and falls back to receivedAt", () => {
    const { dateCreated: _created, dateReceived: _received, ...rest } = fixture;
    const payload = {
      ...rest,
      entries: [
        {
          type: "threads",
          data: {
            values: [
              { crashed: false, stacktrace: { frames: [{ filename: "idle.py", inApp: false }] } },
              {
                crashed: true,
                stacktrace: { frames: [{ filename: "app/jobs.py", function: "run", inApp: true }] },
              },
            ],
          },
        },
      ],
    };
    const event = eventFromApi(sentryApiEvent.parse(payload), "1", receivedAt);
    expect(event.raw.exceptions).toEqual([
      {
        type: null,
        value: null,
        module: null,
        frames: [expect.objectContaining({ filename: "app/jobs.py", inApp: true })],
      },
    ]);
    expect(event.occurredAt).toBe(receivedAt);
    expect(event.url).toBeNull();
  });

  it("refuses a malformed exception entry instead of dropping its stack as an unknown entry", () => {
    const payload = structuredClone(fixture);
    payload.entries[0].data.values[0].stacktrace.frames[0].lineNo = "71";
    expect(sentryApiEvent.safeParse(payload).success).toBe(false);
    expect(sentryApiEvent.safeParse({ ...fixture, eventID: "latest" }).success).toBe(false);
  });
});
