/**
 * Sift's self-monitoring settings for the browser. The server writes them onto the page's <html>
 * element per request (app/layout.tsx), so one build reports to whatever SENTRY_DSN the deployment
 * sets at start; instrumentation-client.ts reads them back before the app hydrates (the <html>
 * start tag is parsed before any script runs).
 */
export type BrowserSentryConfig = { dsn?: string; environment?: string; tracesSampleRate?: string };

/** The <html> attributes carrying `config`; unset values are left off. */
export function browserSentryAttributes(config: BrowserSentryConfig): Record<string, string | undefined> {
  return {
    "data-sentry-dsn": config.dsn,
    "data-sentry-environment": config.environment,
    "data-sentry-traces-sample-rate": config.tracesSampleRate,
  };
}

/** Reads back what `browserSentryAttributes` wrote. */
export function readBrowserSentryConfig(element: HTMLElement): BrowserSentryConfig {
  const { sentryDsn, sentryEnvironment, sentryTracesSampleRate } = element.dataset;
  return { dsn: sentryDsn, environment: sentryEnvironment, tracesSampleRate: sentryTracesSampleRate };
}

/** Self-monitoring settings as env names them; the callers pass lib/env and lib/env.client. */
export type SentrySettings = {
  SENTRY_DSN?: string;
  SENTRY_ENVIRONMENT?: string;
  SENTRY_TRACES_SAMPLE_RATE?: string;
  NEXT_PUBLIC_SENTRY_DSN?: string;
  NEXT_PUBLIC_SENTRY_ENVIRONMENT?: string;
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE?: string;
};

/**
 * The browser reports to NEXT_PUBLIC_SENTRY_DSN when the build inlined one, else to the server's
 * SENTRY_DSN: browser and server errors reach the same project without a rebuild.
 */
export function browserSentryConfig(settings: SentrySettings): BrowserSentryConfig {
  return {
    dsn: settings.NEXT_PUBLIC_SENTRY_DSN ?? settings.SENTRY_DSN,
    environment: settings.NEXT_PUBLIC_SENTRY_ENVIRONMENT ?? settings.SENTRY_ENVIRONMENT,
    tracesSampleRate: settings.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE ?? settings.SENTRY_TRACES_SAMPLE_RATE,
  };
}

/** The DSNs the tunnel route may forward to: Sift's own project(s), nothing else. */
export function ownSentryDsns(settings: SentrySettings): string[] {
  return [settings.SENTRY_DSN, settings.NEXT_PUBLIC_SENTRY_DSN].filter((dsn): dsn is string => Boolean(dsn));
}
