import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventFromSentry } from "./to-event";
import { issueFromEvent } from "./to-issue";
import { sentryEvent } from "./webhook-payload";

const fixture = JSON.parse(
  readFileSync(
    path.resolve(process.cwd(), "../shared/sentry/fixtures/webhooks/webhook-error-created.json"),
    "utf8",
  ),
);

describe("eventFromSentry", () => {
  it("maps the real error.created payload: ids, tags as pairs, frames snake_case → ours", () => {
    const sentryError = sentryEvent.parse(fixture.data.error);
    const event = eventFromSentry(sentryError, new Date(0));
    expect(event.id).toBe("bb78c1407cea4519aa397afc059c793d");
    expect(event.issueId).toBe("1170820242");
    expect(event.projectId).toBe("1");
    expect(event.occurredAt.toISOString()).toBe("2019-08-19T20:58:37.391Z");
    expect(event.tags["browser.name"]).toBe("Chrome");
    expect(event.raw.exceptions[0]?.frames[0]).toMatchObject({
      filename: "/runner",
      absPath: "https://null.jsbin.com/runner",
      inApp: false,
    });
    const { project, issue } = issueFromEvent(sentryError, event.occurredAt, ["sentry.io"]);
    expect(project.slug).toBe("front-end");
    expect(issue.permalink).toBe("https://sentry.io/organizations/test-org/issues/1170820242/");
  });

  it("reads handled from the primary exception's mechanism, else the handled tag, else null", () => {
    const parse = (error: unknown) => eventFromSentry(sentryEvent.parse(error), new Date(0));
    // The fixture's exception says handled: false (an onerror crash).
    expect(parse(fixture.data.error).handled).toBe(false);
    const [exception] = fixture.data.error.exception.values;
    const withMechanism = (mechanism: unknown, tags: unknown) => ({
      ...fixture.data.error,
      tags,
      exception: {
        values: [
          { ...exception, mechanism: { type: "x" } },
          { ...exception, mechanism },
        ],
      },
    });
    expect(parse(withMechanism({ type: "generic", handled: true }, [["handled", "no"]])).handled).toBe(true);
    expect(parse(withMechanism({ type: "generic" }, [["handled", "no"]])).handled).toBe(false);
    expect(parse(withMechanism("not an object", [["handled", "yes"]])).handled).toBe(true);
    expect(parse(withMechanism(null, [])).handled).toBeNull();
  });

  it("takes a message event's top-level stack trace when there is no exception", () => {
    const error = {
      ...fixture.data.error,
      exception: undefined,
      stacktrace: { frames: [{ filename: "app.py", function: "run", in_app: true }] },
    };
    const event = eventFromSentry(sentryEvent.parse(error), new Date(0));
    expect(event.raw.exceptions).toHaveLength(1);
    expect(event.raw.exceptions[0]?.frames[0]).toMatchObject({
      filename: "app.py",
      function: "run",
      inApp: true,
    });
  });

  it("reads legacy interface keys and bare exception lists with the modern schema", () => {
    const { exception, request, user, ...rest } = fixture.data.error;
    const legacy = {
      ...rest,
      "sentry.interfaces.Exception": exception.values,
      "sentry.interfaces.Http": request,
      "sentry.interfaces.User": user,
      "sentry.interfaces.Message": { message: "legacy message" },
      message: "",
    };
    const event = eventFromSentry(sentryEvent.parse(legacy), new Date(0));
    expect(event.raw.exceptions[0]).toMatchObject({
      type: "ReferenceError",
      frames: [{ filename: "/runner" }],
    });
    expect(event.url).toBe(request.url);
    expect(event.raw.user).toEqual(user);
    expect(event.message).toBe("legacy message");
    // The oldest SDKs sent the one exception as the interface itself.
    const single = { ...rest, "sentry.interfaces.Exception": exception.values[0] };
    expect(eventFromSentry(sentryEvent.parse(single), new Date(0)).raw.exceptions).toHaveLength(1);
  });

  it("refuses garbage under a legacy key as it would under the modern one", () => {
    const { exception: _, user: _user, ...rest } = fixture.data.error;
    for (const garbage of [
      "boom",
      42,
      [1, 2],
      { values: "x" },
      [{ stacktrace: { frames: [{ lineno: "1" }] } }],
    ]) {
      expect(sentryEvent.safeParse({ ...rest, "sentry.interfaces.Exception": garbage }).success).toBe(false);
    }
    expect(sentryEvent.safeParse({ ...rest, "sentry.interfaces.User": "bob" }).success).toBe(false);
    expect(sentryEvent.safeParse({ ...rest, threads: [{ id: {}, crashed: true }] }).success).toBe(false);
  });

  it("refuses a payload whose event id is not Sentry's 32 hex characters", () => {
    const error = { ...fixture.data.error, event_id: "x" };
    expect(sentryEvent.safeParse(error).success).toBe(false);
  });
});
