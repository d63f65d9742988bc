import "@/lib/observability/no-eval";
import * as Sentry from "@sentry/nextjs";
import { readBrowserSentryConfig } from "@/lib/observability/browser-sentry-config";
import { clientSentryOptions } from "@/lib/observability/sentry";

// The DSN comes from the page (set by the server per request), not from the build, so one build
// reports wherever SENTRY_DSN points. The release needs no variable: withSentryConfig injects
// SENTRY_RELEASE (or the git sha) at build time.
Sentry.init(clientSentryOptions(readBrowserSentryConfig(document.documentElement)));

export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
