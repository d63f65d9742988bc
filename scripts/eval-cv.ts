// `npm run eval:cv -- --data <dir>`: how the defaults of the similarity search and the learned
// owner were chosen. Runs a small grid on the development split, cuts each task's items into 3
// chronological folds, picks parameters on 2 folds and scores them on the third. Prints the table
// docs/benchmarks.md quotes; it is slow (each similarity setting replays the whole history).
import { existsSync } from "node:fs";
import path from "node:path";
import type { OwnerOptions } from "@/lib/analysis/learned-owner";
import { DEFAULT_SIMILARITY, type SimilarityOptions } from "@/lib/analysis/similarity/similarity-index";
import { chronologicalFolds, crossValidate } from "./support/eval-folds";
import { accuracyAt, rankSummary, rocAuc } from "./support/eval-metrics";
import { loadDataset, runOwner, runSimilarity } from "./support/eval-protocol";

const flag = process.argv.indexOf("--data");
const dir = flag >= 0 ? process.argv[flag + 1] : undefined;
if (!dir || !existsSync(path.join(dir, "reports.jsonl"))) {
  console.error("usage: npm run eval:cv -- --data <dir>");
  process.exit(2);
}
const FOLDS = 3;
const data = loadDataset(dir);
const fmt = (x: number) => x.toFixed(3);

const similarityGrid: [string, SimilarityOptions][] = [];
// Kept small on purpose (each setting replays the whole history): 2 × 2 × 2 plus the old default.
similarityGrid.push([
  "title 0, recency 0, alignment 0 (the previous default)",
  { ...DEFAULT_SIMILARITY, titleWeight: 0, alignmentWeight: 0, recency: { weight: 0, halfLifeDays: 30 } },
]);
for (const titleWeight of [0.5, 1]) {
  for (const [rw, hl] of [
    [0, 30],
    [1, 180],
  ] as const) {
    for (const alignmentWeight of [0, 0.5]) {
      similarityGrid.push([
        `title ${titleWeight}, recency ${rw}${rw > 0 ? ` (half-life ${hl} d)` : ""}, alignment ${alignmentWeight}`,
        { ...DEFAULT_SIMILARITY, titleWeight, alignmentWeight, recency: { weight: rw, halfLifeDays: hl } },
      ]);
    }
  }
}
// Objective: T1 MRR + T2 AUC per fold (both tasks matter; neither alone picks the defaults).
const simObjective = new Map<string, number[]>();
const simParts = new Map<string, { mrr: number[]; auc: number[] }>();
for (const [name, options] of similarityGrid) {
  const started = performance.now();
  const run = runSimilarity(data, options);
  const mrr = chronologicalFolds(run.ranks, FOLDS).map((f) => rankSummary(f.map((r) => r.rank)).MRR);
  const auc = chronologicalFolds(run.detections, FOLDS).map((f) => rocAuc(f));
  simObjective.set(
    name,
    mrr.map((m, i) => m + (auc[i] ?? 0)),
  );
  simParts.set(name, { mrr, auc });
  console.error(
    `${name}: MRR per fold ${mrr.map(fmt).join(" ")}, AUC ${auc.map(fmt).join(" ")} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}

const ownerGrid: [string, OwnerOptions][] = [];
for (const neighbours of [10, 30, 50]) {
  for (const halfLifeDays of [365, 730, Number.POSITIVE_INFINITY]) {
    for (const profileWeight of [0, 1, 2]) {
      ownerGrid.push([
        `k ${neighbours}, half-life ${halfLifeDays} d, profile ${profileWeight}`,
        { neighbours, halfLifeDays, profileWeight },
      ]);
    }
  }
}
const ownerObjective = new Map<string, number[]>();
for (const [name, options] of ownerGrid) {
  const run = runOwner(data, options);
  ownerObjective.set(
    name,
    chronologicalFolds(run.rows, FOLDS).map((f) => accuracyAt(f, 1)),
  );
}

console.log("| task | held-out fold | chosen on the other folds | in-fold | held-out |");
console.log("|---|---|---|---|---|");
for (const c of crossValidate(simObjective, FOLDS)) {
  const parts = simParts.get(c.chosen);
  console.log(
    `| T1 MRR + T2 AUC | ${c.fold + 1} | ${c.chosen} | ${fmt(c.inFold)} | ${fmt(c.heldOut)} (MRR ${fmt(parts?.mrr[c.fold] ?? 0)}, AUC ${fmt(parts?.auc[c.fold] ?? 0)}) |`,
  );
}
for (const c of crossValidate(ownerObjective, FOLDS)) {
  console.log(`| T3 acc@1 | ${c.fold + 1} | ${c.chosen} | ${fmt(c.inFold)} | ${fmt(c.heldOut)} |`);
}
