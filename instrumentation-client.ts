import {
  onRouterTransitionStart as forwardRouterTransition,
  startBrowserSentry,
} from "@/lib/observability/browser-sentry";
import { readBrowserSentryConfig } from "@/lib/observability/browser-sentry-config";

// The DSN comes from the page (set by the server per request), not from the build, so one build
// reports wherever SENTRY_DSN points. The release needs no variable: withSentryConfig injects
// SENTRY_RELEASE (or the git sha) at build time. The SDK itself loads after the first screen
// (lib/observability/browser-sentry.ts).
startBrowserSentry(readBrowserSentryConfig(document.documentElement));

export const onRouterTransitionStart = forwardRouterTransition;
