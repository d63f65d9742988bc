import * as Sentry from "@sentry/nextjs";
import type { BrowserSentryConfig } from "./browser-sentry-config";
import { clientSentryOptions } from "./sentry";

// The Sentry SDK's side of browser-sentry.ts, in a chunk of its own that it imports after the
// first screen: nothing else in the browser may import @sentry/nextjs, or the SDK is back in the
// page's first load.

export { setSentryUser } from "./sentry";

export const captureRouterTransitionStart = Sentry.captureRouterTransitionStart;

export function initBrowserSdk(config: BrowserSentryConfig): void {
  Sentry.init(clientSentryOptions(config));
}

/** An error thrown before the SDK started, reported as the SDK's global handlers would have. */
export function captureEarlyError(error: unknown): void {
  Sentry.captureException(error, {
    mechanism: { handled: false, type: "auto.browser.global_handlers.onerror" },
  });
}
