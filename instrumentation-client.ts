import {
  onRouterTransitionStart as forwardRouterTransition,
  startBrowserSentry,
} from "@/lib/observability/browser-sentry";
import { readBrowserSentryConfig } from "@/lib/observability/browser-sentry-config";
import { prefetchIssueList } from "@/lib/query/issue-list-prefetch";

// The DSN comes from the page (set by the server per request), not from the build, so one build
// reports wherever SENTRY_DSN points. The release needs no variable: withSentryConfig injects
// SENTRY_RELEASE (or the git sha) at build time. The SDK itself loads after the first screen
// (lib/observability/browser-sentry.ts).
startBrowserSentry(readBrowserSentryConfig(document.documentElement));

// Next runs this file before the app's own code: the earliest point a script allowed by the page's
// nonce policy can send the list's request (lib/query/issue-list-prefetch.ts).
prefetchIssueList();

export const onRouterTransitionStart = forwardRouterTransition;
