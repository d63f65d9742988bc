import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseStack } from "./normalise-stack";
import type { RawEvent, RawException, RawFrame } from "./types";

// Minimal wire → RawEvent mapping for the fixtures, covering the legacy `sentry.interfaces.*` keys.
// It stands in for lib/sentry, which analysis must not import.
type WireFrame = {
  filename?: string | null;
  abs_path?: string | null;
  function?: string | null;
  module?: string | null;
  lineno?: number | null;
  in_app?: boolean | null;
};
type WireStack = { frames?: WireFrame[] } | null;
type WireException = { type?: string | null; value?: string | null; stacktrace?: WireStack };
type WireExceptions = { values?: WireException[] } | WireException[];
type WireEvent = {
  platform?: string | null;
  message?: string | null;
  logentry?: { message?: string | null };
  exception?: WireExceptions;
  stacktrace?: WireStack;
  tags?: [string, string][] | Record<string, string> | null;
  user?: Record<string, unknown> | null;
  request?: { url?: string | null };
  "sentry.interfaces.Exception"?: WireExceptions;
  "sentry.interfaces.Stacktrace"?: WireStack;
  "sentry.interfaces.Message"?: { message?: string | null };
  "sentry.interfaces.User"?: Record<string, unknown>;
  "sentry.interfaces.Http"?: { url?: string | null };
};

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(path.resolve(process.cwd(), "../shared/sentry/fixtures", relative), "utf8"));
}

function toFrames(stacktrace: WireStack | undefined): RawFrame[] {
  return (stacktrace?.frames ?? []).map((f) => ({
    filename: f.filename,
    absPath: f.abs_path,
    function: f.function,
    module: f.module,
    lineNo: f.lineno,
    inApp: f.in_app,
  }));
}

function toRawEvent(wire: WireEvent): RawEvent {
  const exception = wire.exception ?? wire["sentry.interfaces.Exception"];
  const values = Array.isArray(exception) ? exception : (exception?.values ?? []);
  const exceptions: RawException[] = values.map((v) => ({
    type: v.type,
    value: v.value,
    frames: toFrames(v.stacktrace),
  }));
  const stacktrace = wire.stacktrace ?? wire["sentry.interfaces.Stacktrace"];
  if (exceptions.length === 0 && stacktrace)
    exceptions.push({ type: null, value: null, frames: toFrames(stacktrace) });
  const tags = Array.isArray(wire.tags) ? Object.fromEntries(wire.tags) : (wire.tags ?? {});
  return {
    platform: wire.platform ?? null,
    message: wire.message || wire.logentry?.message || wire["sentry.interfaces.Message"]?.message || null,
    exceptions,
    tags,
    user: wire.user ?? wire["sentry.interfaces.User"] ?? null,
    requestUrl: (wire.request ?? wire["sentry.interfaces.Http"])?.url ?? null,
  };
}

const stackOf = (file: string) => normaliseStack(toRawEvent(readJson(`events/${file}`) as WireEvent));

const frame = (overrides: RawFrame): RawFrame => ({ filename: "src/app.ts", function: "run", ...overrides });

const event = (exceptions: RawException[], message: string | null = null): RawEvent => ({
  platform: "javascript",
  message,
  exceptions,
  tags: {},
  user: null,
  requestUrl: null,
});

describe("normaliseStack on fixtures", () => {
  it("reads the modern Python sample", () => {
    const stack = stackOf("sample-python-modern.json");
    expect(stack.exceptionType).toBe("Exception");
    expect(stack.exceptionValue).toBe("This is an example Python exception");
    expect(stack.inAppFrames.map((f) => [f.filename, f.function, f.module, f.lineNo])).toEqual([
      ["main.py", "<module>", "__main__", 28],
      ["main.py", "main", "__main__", 26],
    ]);
  });

  it("reads the legacy Python sample, whose stack sits outside any exception", () => {
    const stack = stackOf("sample-python.json");
    expect(stack.exceptionType).toBeNull();
    expect(stack.messageTemplate).toBeNull();
    expect(stack.frames).toHaveLength(5);
    expect(stack.frames[0]).toEqual({
      filename: "raven/base.py",
      function: "build_msg",
      module: "raven.base",
      lineNo: 303,
      inApp: false,
    });
    // Every frame says in_app: false, so the vendored-path heuristic must not kick in.
    expect(stack.inAppFrames).toEqual([]);
  });

  it("reads the legacy Java sample with the SDK's in-app verdicts, oldest first", () => {
    const stack = stackOf("sample-java.json");
    expect(stack.exceptionType).toBe("ApiException");
    expect(stack.messageTemplate).toBe("Authentication failed, token expired!");
    expect(stack.frames).toHaveLength(57);
    expect(stack.inAppFrames.length).toBeGreaterThan(0);
    expect(stack.inAppFrames.every((f) => f.module?.startsWith("io.sentry.example"))).toBe(true);
    expect(stack.inAppFrames.at(-1)).toMatchObject({
      filename: "ApiRequest.java",
      function: "perform",
      lineNo: 8,
    });
  });

  it("reads the legacy JavaScript sample and templates its quoted method name", () => {
    const stack = stackOf("sample-javascript.json");
    expect(stack.exceptionType).toBe("TypeError");
    expect(stack.messageTemplate).toBe("Object [object Object] has no method '<str>'");
    expect(stack.inAppFrames.map((f) => f.function)).toEqual(["member", "merge", "poll"]);
    expect(stack.frames.at(-1)).toMatchObject({ filename: "raven.js", inApp: false });
  });

  it("treats PHP frames as in-app when the SDK marked none", () => {
    const stack = stackOf("sample-php.json");
    expect(stack.frames).toHaveLength(4);
    expect(stack.inAppFrames).toHaveLength(4);
  });

  it("keeps the SDK verdict when only some Go frames are marked", () => {
    const stack = stackOf("grouping-input-go-pkg-mod.json");
    expect(stack.exceptionType).toBe("*pq.Error");
    expect(stack.inAppFrames.map((f) => f.filename)).toEqual(["/my_app/main.go"]);
  });

  it("keeps the type of a Cocoa exception whose frames live on a thread", () => {
    const stack = stackOf("grouping-input-cocoa-nserror.json");
    expect(stack.exceptionType).toBe("iOS_Swift.SampleError");
    expect(stack.frames).toEqual([]);
    expect(stack.messageTemplate).toBe(
      "Code=<n> Description=The operation couldn’t be completed. (iOS_Swift.SampleError error <n>.)",
    );
  });

  it("reads the error webhook's event", () => {
    const webhook = readJson("webhooks/webhook-error-created.json") as { data: { error: WireEvent } };
    const stack = normaliseStack(toRawEvent(webhook.data.error));
    expect(stack.exceptionType).toBe("ReferenceError");
    expect(stack.messageTemplate).toBe("blooopy is not defined");
    expect(stack.frames[0]).toMatchObject({ filename: "/runner", function: null, inApp: false });
  });
});

describe("normaliseStack rules", () => {
  it("uses the last exception as the primary one", () => {
    const stack = normaliseStack(
      event([
        { type: "ConnectionError", value: "inner", frames: [frame({ filename: "src/db.ts" })] },
        { type: "CheckoutError", value: "outer", frames: [frame({ filename: "src/checkout.ts" })] },
      ]),
    );
    expect(stack.exceptionType).toBe("CheckoutError");
    expect(stack.frames.map((f) => f.filename)).toEqual(["src/checkout.ts"]);
  });

  it("borrows frames from the nearest inner exception when the primary has none", () => {
    const stack = normaliseStack(
      event([
        { type: "Inner", frames: [frame({ filename: "src/inner.ts" })] },
        { type: "Outer", frames: [] },
      ]),
    );
    expect(stack.exceptionType).toBe("Outer");
    expect(stack.frames.map((f) => f.filename)).toEqual(["src/inner.ts"]);
  });

  it("normalises names and functions, and guesses in-app from vendored paths", () => {
    const stack = normaliseStack(
      event([
        {
          type: "TypeError",
          value: "x is undefined",
          frames: [
            frame({ filename: "/app/node_modules/react-dom/cjs/react-dom.js", function: "<anonymous>" }),
            frame({
              filename: null,
              absPath: "https://cdn.x.com/static/js/main.3f2a1b9c.chunk.js?v=1",
              function: " ? ",
            }),
            frame({ filename: "src\\checkout\\cart.ts", function: "  applyCoupon  ", lineNo: 12 }),
          ],
        },
      ]),
    );
    expect(stack.frames).toEqual([
      {
        filename: "/app/node_modules/react-dom/cjs/react-dom.js",
        function: null,
        module: null,
        lineNo: null,
        inApp: false,
      },
      { filename: "static/js/main.chunk.js", function: null, module: null, lineNo: null, inApp: true },
      { filename: "src/checkout/cart.ts", function: "applyCoupon", module: null, lineNo: 12, inApp: true },
    ]);
  });

  it("falls back to the event message for the template", () => {
    expect(normaliseStack(event([], "Payment 991 timed out")).messageTemplate).toBe("Payment <n> timed out");
  });
});
