// `npm run train:reranker -- --data <dir>`: trains the similar-issue re-ranker (DEFAULT_RERANKER,
// lib/analysis/similarity/reranker.ts) on a benchmark directory in the format of
// ../shared/bench/stacktraces (its development split): the reports are replayed in time order, each
// one that has an earlier duplicate among the index's best candidates is a ranking example, and a
// conditional logit over the pair features is fitted (deterministic: same data, same weights).
// Writes lib/analysis/similarity/reranker-weights.json; the feature set and L2 were chosen by
// `npm run eval:cv` (docs/benchmarks.md).
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_RERANKER } from "@/lib/analysis/similarity/reranker";
import { DEFAULT_SIMILARITY } from "@/lib/analysis/similarity/similarity-index";
import { RERANK_FEATURES, RERANK_L2, trainReranker } from "@/lib/analysis/similarity/train-reranker";
import { loadDataset, rankingExamples } from "./support/eval-protocol";

const flag = process.argv.indexOf("--data");
const dir = flag >= 0 ? process.argv[flag + 1] : undefined;
if (!dir || !existsSync(path.join(dir, "reports.jsonl"))) {
  console.error("usage: npm run train:reranker -- --data <dir with reports.jsonl>");
  process.exit(2);
}
const data = loadDataset(dir);
const examples = rankingExamples(data, DEFAULT_SIMILARITY, DEFAULT_RERANKER.candidates);
const weights = trainReranker(examples, RERANK_FEATURES, RERANK_L2);
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const out = {
  trainedOn: path.basename(path.resolve(dir)),
  examples: examples.length,
  l2: RERANK_L2,
  weights: Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, round(v)])),
};
const file = path.join(import.meta.dirname, "../lib/analysis/similarity/reranker-weights.json");
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.error(
  `${examples.length} ranking examples; weights ${JSON.stringify(out.weights)} written to ${file}`,
);
