import type { BrowserSentryConfig } from "./browser-sentry-config";
import type { SentryPrincipal } from "./sentry";

// The browser's self-monitoring, loaded after the first screen. The Sentry SDK is ~60 KB of
// gzipped JavaScript the list page does not need to paint; loading it once the page has loaded and
// the main thread is idle keeps it off the critical path. Errors thrown before it arrives are kept
// here and reported when it starts, so early failures still reach Sift's project. Without a DSN
// the SDK would be a no-op, so it is not downloaded at all.

type Sdk = typeof import("./browser-sentry-sdk");

let sdk: Sdk | null = null;
/** The engineer to name once the SDK starts; undefined until the app says who is signed in. */
let pendingUser: SentryPrincipal | null | undefined;
const earlyErrors: unknown[] = [];

/** Enough to see what went wrong first; a page throwing in a loop must not grow this without end. */
const MAX_EARLY_ERRORS = 20;
const keep = (error: unknown) => earlyErrors.length < MAX_EARLY_ERRORS && earlyErrors.push(error);
const keepError = (event: ErrorEvent) => keep(event.error ?? event.message);
const keepRejection = (event: PromiseRejectionEvent) => keep(event.reason);
const stopKeeping = () => {
  window.removeEventListener("error", keepError);
  window.removeEventListener("unhandledrejection", keepRejection);
};

/** Called once, from instrumentation-client.ts, before the app hydrates. */
export function startBrowserSentry(config: BrowserSentryConfig): void {
  if (!config.dsn) return;
  window.addEventListener("error", keepError);
  window.addEventListener("unhandledrejection", keepRejection);
  const load = () =>
    void import("./browser-sentry-sdk")
      .then((module) => {
        module.initBrowserSdk(config);
        // From here the SDK's own handlers see every error.
        stopKeeping();
        if (pendingUser !== undefined) module.setSentryUser(pendingUser);
        for (const error of earlyErrors.splice(0)) module.captureEarlyError(error);
        sdk = module;
      })
      // The chunk did not load (offline, a deploy removed it): the page works on, unmonitored.
      .catch(() => {
        stopKeeping();
        earlyErrors.length = 0;
      });
  const whenIdle = () =>
    "requestIdleCallback" in window ? requestIdleCallback(load, { timeout: 2000 }) : setTimeout(load, 200);
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}

/** Tags the browser's reports with the signed-in engineer (sub and roles only); `null` on sign-out. */
export function setBrowserSentryUser(principal: SentryPrincipal | null): void {
  if (sdk) sdk.setSentryUser(principal);
  else pendingUser = principal;
}

/** instrumentation-client.ts's router hook: navigations start spans once the SDK is running. */
export function onRouterTransitionStart(href: string, navigationType: string): void {
  sdk?.captureRouterTransitionStart(href, navigationType);
}
