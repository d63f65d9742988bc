// `npm run sentry:replay -- <fixture or file> [--url URL] [--secret S] [--resource R] [--fresh]`
// Posts one webhook body to a running Sift exactly as Sentry would: compact ASCII JSON, Sentry's
// headers, signed with the integration's client secret. For trying a setup end to end, reproducing
// a delivery from Sift's `deliveries` table, or checking what a payload shape does.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { toSentryJson } from "@/dev/demo/demo-wire";
import { signedWebhookHeaders } from "@/lib/sentry/verify-signature";

const root = path.resolve(import.meta.dirname, "..");
const fixturesDir = path.resolve(
  root,
  process.env.SIFT_FIXTURES_DIR || "../shared/sentry/fixtures",
  "webhooks",
);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string", default: "http://localhost:3000/api/webhooks/sentry" },
    secret: { type: "string", default: process.env.SENTRY_CLIENT_SECRET || "sift-dev-webhook-secret" },
    resource: { type: "string" },
    fresh: { type: "boolean", default: false },
  },
});

function usage(message: string): never {
  console.error(message);
  console.error(
    "usage: npm run sentry:replay -- <fixture name or file> [--url URL] [--secret SECRET] [--resource R] [--fresh]",
  );
  if (existsSync(fixturesDir)) {
    console.error(
      `fixtures: ${readdirSync(fixturesDir)
        .filter((f) => f.endsWith(".json"))
        .join(", ")}`,
    );
  }
  process.exit(2);
}

const target = positionals[0];
if (!target) usage("Name a webhook fixture or a JSON file.");
const candidates = [target, path.join(fixturesDir, target), path.join(fixturesDir, `${target}.json`)];
const file = candidates.find((f) => existsSync(f));
if (!file) usage(`No such file or fixture: ${target}`);

// webhook-<resource>-<action>.json names the resource; --resource overrides it.
const resource = values.resource ?? path.basename(file).match(/^webhook-([a-z_]+)-/)?.[1];
if (!resource)
  usage("Cannot tell the resource from the file name: pass --resource (issue, error, comment, …).");

const payload = JSON.parse(readFileSync(file, "utf8"));
if (values.fresh) {
  // A new event id, so Sift does not recognise the replay as a retry of an earlier delivery.
  for (const event of [payload?.data?.error, payload?.data?.event]) {
    if (event && typeof event === "object") event.event_id = randomBytes(16).toString("hex");
  }
}
const body = toSentryJson(payload);
const response = await fetch(values.url, {
  method: "POST",
  redirect: "manual",
  headers: signedWebhookHeaders(resource, body, values.secret, "sentry/replay (https://sentry.io)"),
  body,
}).catch((error: unknown) => {
  console.error(`Cannot reach ${values.url}: ${(error as Error).message}`);
  process.exit(1);
});
console.log(`${resource}.${payload?.action ?? "?"} → ${response.status} ${await response.text()}`);
process.exit(response.ok ? 0 : 1);
