import * as Sentry from "@sentry/nextjs";
import { serverSentryOptions } from "@/lib/observability/sentry";

Sentry.init(serverSentryOptions(process.env));
