import { z } from "zod";

// The pages' Content-Security-Policy forbids eval (proxy.ts). Zod probes for it with
// `Function("")` when its first object schema is built, a CSP violation (and a report) on every
// page load; jitless skips the probe and the compiled parsers. Browser only: on the server the
// compiled parsers keep webhook parsing fast. Imported first by the modules the browser evaluates
// first (instrumentation-client.ts, ./sentry.ts), before any schema exists; the hostile-payloads
// e2e spec fails on any CSP violation, so a new earlier schema would show.
if (typeof window !== "undefined") z.config({ jitless: true });
