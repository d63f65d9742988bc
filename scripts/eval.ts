// `npm run eval -- --data <dir>`: the stack-trace benchmark's protocol (T1 similar issues, T2 new vs
// duplicate, T3 owner; see ../shared/bench/stacktraces/README.md) on any directory in its format,
// running the product's own pure code. Progress goes to stderr; the last stdout line is one JSON object.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_OWNER_OPTIONS } from "@/lib/analysis/learned-owner";
import { DEFAULT_SIMILARITY } from "@/lib/analysis/similarity/similarity-index";
import { rankSummary } from "./support/eval-metrics";
import { detectionAuc, loadDataset, ownerSummary, runOwner, runSimilarity } from "./support/eval-protocol";

const flag = process.argv.indexOf("--data");
const dir = flag >= 0 ? process.argv[flag + 1] : undefined;
if (!dir || !existsSync(path.join(dir, "reports.jsonl"))) {
  console.error(
    "usage: npm run eval -- --data <dir with reports.jsonl, dedup_queries.csv, owner_component_split.csv>",
  );
  process.exit(2);
}

const started = performance.now();
const data = loadDataset(dir);
console.error(
  `${data.reports.length} reports, ${data.queries.size} T1 queries, ${data.ownerRows.length} owner rows`,
);
const similar = runSimilarity(data, DEFAULT_SIMILARITY, (done, total) =>
  console.error(`T1/T2: ${done}/${total} reports (${((performance.now() - started) / 1000).toFixed(1)} s)`),
);
console.error("T3: training owner models");
const owner = runOwner(data, DEFAULT_OWNER_OPTIONS);
console.error(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const round = (x: number) => Math.round(x * 1000) / 1000;
const t1 = rankSummary(similar.ranks.map((r) => r.rank));
const t3 = ownerSummary(owner);
const result = {
  T1: {
    "RR@1": round(t1["RR@1"]),
    "RR@5": round(t1["RR@5"]),
    "RR@10": round(t1["RR@10"]),
    MRR: round(t1.MRR),
    queries: t1.queries,
  },
  T2: { AUC: round(detectionAuc(similar)) },
  T3: { "acc@1": round(t3["acc@1"]), "acc@3": round(t3["acc@3"]), "acc@5": round(t3["acc@5"]) },
};
// The /models page shows the latest run beside the accuracy measured from feedback (GET /api/models).
const recorded = { recordedAt: new Date().toISOString(), data: path.basename(path.resolve(dir)), ...result };
writeFileSync(path.join(process.cwd(), "docs/eval-latest.json"), `${JSON.stringify(recorded, null, 2)}\n`);
console.error("recorded in docs/eval-latest.json");
console.log(JSON.stringify(result));
