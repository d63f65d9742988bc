// `tsx scripts/demo.ts`: replays the demo data as signed Sentry webhooks into a running Sift.
// Needs the same SENTRY_CLIENT_SECRET as the server; SIFT_PUBLIC_URL and SIFT_FIXTURES_DIR are optional.
import { existsSync } from "node:fs";
import path from "node:path";
import { replayDemo } from "@/dev/demo/replay-demo";
import { devDefaults } from "./dev-defaults";

const root = path.resolve(import.meta.dirname, "..");
const baseUrl = process.env.SIFT_PUBLIC_URL || "http://localhost:3000";
const clientSecret = process.env.SENTRY_CLIENT_SECRET;
const fixturesDir = path.resolve(root, process.env.SIFT_FIXTURES_DIR || "../shared/sentry/fixtures");

if (!clientSecret) {
  console.error(
    `SENTRY_CLIENT_SECRET is not set: use the value the Sift server verifies webhooks with — for \`npm run dev\` that is\n  SENTRY_CLIENT_SECRET=${devDefaults.SENTRY_CLIENT_SECRET} npm run demo`,
  );
  process.exit(1);
}
if (!existsSync(path.join(fixturesDir, "events"))) {
  console.error(
    `No Sentry fixtures at ${fixturesDir} (expected events/ and webhooks/); set SIFT_FIXTURES_DIR.`,
  );
  process.exit(1);
}

const result = await replayDemo({ baseUrl, clientSecret, fixturesDir, now: new Date() });
console.log(
  `demo → ${baseUrl}: ${result.sent} sent, ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.failed.length} failed`,
);
if (result.sent > 0 && result.duplicates === result.sent)
  console.log(
    "Nothing new: Sift already had every demo delivery (it keeps each once), so the dashboard is unchanged.",
  );
else if (result.duplicates > 0)
  console.log(`${result.duplicates} of the deliveries were already stored and were not stored again.`);
for (const failure of result.failed.slice(0, 5)) console.error(`  ${failure.status}: ${failure.body}`);
// Post-mortems go to the database, not through webhooks: `npm run dev` imports the samples itself.
console.log(
  "sample post-mortems: start the server with SIFT_POSTMORTEMS_DIR=dev/postmortems, or run `npm run import:postmortems -- dev/postmortems` against its database",
);
process.exitCode = result.failed.length > 0 ? 1 : 0;
