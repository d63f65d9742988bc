import * as Sentry from "@sentry/nextjs";
import { serverSentryOptions } from "@/lib/observability/sentry";

// As on the server (sentry.server.config.ts): no DSN, no SDK.
const options = serverSentryOptions(process.env);
if (options.enabled) Sentry.init(options);
