import "@/lib/observability/no-eval";
import * as Sentry from "@sentry/nextjs";
import { clientEnv } from "@/lib/env.client";
import { clientSentryOptions } from "@/lib/observability/sentry";

// The release needs no variable here: withSentryConfig injects SENTRY_RELEASE (or the git sha) at build time.
Sentry.init(
  clientSentryOptions({
    dsn: clientEnv.NEXT_PUBLIC_SENTRY_DSN,
    environment: clientEnv.NEXT_PUBLIC_SENTRY_ENVIRONMENT,
    tracesSampleRate: clientEnv.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE,
  }),
);

export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
