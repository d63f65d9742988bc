// `npm run bench:ingest [latency|throughput]` against the production build (`npm run build` first).
// latency (default): one delivery at a time, webhook → 202 → analysis visible (scripts/support/ingest-latency.ts).
// throughput: the webhook under concurrent load against the empty route, and the worker draining a
// backlog (scripts/support/ingest-throughput.ts). Both write their section of docs/benchmarks.md.
import { existsSync } from "node:fs";
import path from "node:path";
import { benchIngestLatency } from "./support/ingest-latency";
import { benchIngestThroughput } from "./support/ingest-throughput";

const root = path.resolve(import.meta.dirname, "..");
const mode = process.argv[2] ?? "latency";

if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
if (mode === "latency") await benchIngestLatency();
else if (mode === "throughput") await benchIngestThroughput();
else {
  console.error(`Unknown mode "${mode}": use latency or throughput.`);
  process.exit(1);
}
