import * as Sentry from "@sentry/nextjs";
import { startServerSentry } from "@/lib/observability/sentry";

startServerSentry(Sentry.init, process.env);
