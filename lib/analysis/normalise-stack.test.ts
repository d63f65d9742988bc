import { describe, expect, it } from "vitest";
import { normaliseStack } from "./normalise-stack";
import type { RawEvent, RawException, RawFrame } from "./types";

// The real fixtures go through the real mapping in lib/sentry/fixture-stacks.test.ts; these are the rules.

const frame = (overrides: RawFrame): RawFrame => ({ filename: "src/app.ts", function: "run", ...overrides });

const event = (exceptions: RawException[], message: string | null = null): RawEvent => ({
  platform: "javascript",
  message,
  exceptions,
  tags: {},
  user: null,
  requestUrl: null,
});

describe("normaliseStack rules", () => {
  it("keeps every exception of a chain, cause first, and titles it by the last (primary) one", () => {
    const stack = normaliseStack(
      event([
        { type: "ConnectionError", value: "inner", frames: [frame({ filename: "src/db.ts" })] },
        { type: "CheckoutError", value: "outer", frames: [frame({ filename: "src/checkout.ts" })] },
      ]),
    );
    expect(stack.exceptionType).toBe("CheckoutError");
    expect(stack.exceptionValue).toBe("outer");
    expect(stack.frames.map((f) => f.filename)).toEqual(["src/db.ts", "src/checkout.ts"]);
    expect(stack.exceptions.map((e) => [e.type, e.frames.length])).toEqual([
      ["ConnectionError", 1],
      ["CheckoutError", 1],
    ]);
  });

  it("keeps the inner frames when the primary exception has none", () => {
    const stack = normaliseStack(
      event([
        { type: "Inner", frames: [frame({ filename: "src/inner.ts" })] },
        { type: "Outer", frames: [] },
      ]),
    );
    expect(stack.exceptionType).toBe("Outer");
    expect(stack.frames.map((f) => f.filename)).toEqual(["src/inner.ts"]);
  });

  it("trusts a browser SDK's all-false verdict, but guesses when a Java SDK marked all false", () => {
    const frames = [
      frame({ filename: "View.java", module: "android.view.View", inApp: false }),
      frame({ filename: "Checkout.java", module: "com.acme.shop.Checkout", inApp: false }),
    ];
    const js = normaliseStack({ ...event([{ type: "E", frames }]), platform: "javascript" });
    expect(js.inAppFrames).toEqual([]);
    const java = normaliseStack({ ...event([{ type: "E", frames }]), platform: "java" });
    expect(java.inAppFrames.map((f) => f.module)).toEqual(["com.acme.shop.Checkout"]);
  });

  it("takes a native frame's binary image as its module when it has no file", () => {
    const stack = normaliseStack(
      event([
        { type: "E", frames: [{ function: "main", package: "/private/var/App.app/App", inApp: true }] },
      ]),
    );
    expect(stack.frames[0]).toMatchObject({ filename: null, module: "App", inApp: true });
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
