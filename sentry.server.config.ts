import * as Sentry from "@sentry/nextjs";
import { serverSentryOptions } from "@/lib/observability/sentry";

// Without a DSN the SDK stays uninitialised, not merely disabled: a disabled SDK still registers
// OpenTelemetry, and Next's own spans of every request passed through it, ~1 ms of CPU per request,
// half of an empty route's (docs/benchmarks.md, "Sentry's SDK without a DSN"). The options are still
// read, so a bad SENTRY_* value still stops start-up.
const options = serverSentryOptions(process.env);
if (options.enabled) Sentry.init(options);
