// `npm run eval:cv -- --data <dir>`: how the defaults of the similarity search and the learned
// owner were chosen. Runs a small grid on the development split, cuts each task's items into 3
// chronological folds, picks parameters on 2 folds and scores them on the third. Prints the table
// docs/benchmarks.md quotes; it is slow (each similarity setting replays the whole history).
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_OWNER_OPTIONS, type OwnerOptions } from "@/lib/analysis/learned-owner";
import { PAIR_FEATURES, type PairFeature } from "@/lib/analysis/similarity/pair-features";
import { DEFAULT_RERANKER } from "@/lib/analysis/similarity/reranker";
import { DEFAULT_SIMILARITY, type SimilarityOptions } from "@/lib/analysis/similarity/similarity-index";
import { RERANK_L2, trainReranker } from "@/lib/analysis/similarity/train-reranker";
import { chronologicalFolds, crossValidate } from "./support/eval-folds";
import { accuracyAt, rankSummary, rocAuc } from "./support/eval-metrics";
import { loadDataset, rankingExamples, runOwner, runSimilarity } from "./support/eval-protocol";

const flag = process.argv.indexOf("--data");
const dir = flag >= 0 ? process.argv[flag + 1] : undefined;
if (!dir || !existsSync(path.join(dir, "reports.jsonl"))) {
  console.error("usage: npm run eval:cv -- --data <dir>");
  process.exit(2);
}
const FOLDS = 3;
const LOGIT_L2_GRID = [1e-3, 1e-2];
const LOGIT_WEIGHT_GRID = [0.5, 1, 2];
const data = loadDataset(dir);
const fmt = (x: number) => x.toFixed(3);
// `--only rerank`, `--only spread`, `--only seen`, `--only stem`, `--only owner-names`, `--only owner-drift`, `--only owner-logit`,
// `--only alignment`, `--only t2-structure`: just that table (the full grids replay the history 10 times more).
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
if (only === "rerank") {
  crossValidateReranker();
  process.exit(0);
}
if (only === "spread") {
  crossValidateProjectSpread();
  process.exit(0);
}
if (only === "seen") {
  crossValidateSeen();
  process.exit(0);
}
if (only === "stem") {
  crossValidateStem();
  process.exit(0);
}
if (only === "owner-names") {
  crossValidateOwnerNames();
  process.exit(0);
}
if (only === "owner-drift") {
  crossValidateOwnerDrift();
  process.exit(0);
}
if (only === "alignment") {
  crossValidateAlignment();
  process.exit(0);
}
if (only === "owner-logit") {
  crossValidateOwnerLogit();
  process.exit(0);
}
if (only === "t2-structure") {
  crossValidateStructure();
  process.exit(0);
}

/** Per fold: the setting chosen on the other folds, its in-fold mean and held-out score. */
function printChoices(
  task: string,
  objective: Map<string, number[]>,
  detail: (name: string, fold: number) => string,
) {
  console.log("| task | held-out fold | chosen on the other folds | in-fold | held-out |");
  console.log("|---|---|---|---|---|");
  const choices = crossValidate(objective, FOLDS);
  for (const c of choices) {
    console.log(
      `| ${task} | ${c.fold + 1} | ${c.chosen} | ${fmt(c.inFold)} | ${fmt(c.heldOut)}${detail(c.chosen, c.fold)} |`,
    );
  }
  console.log(`held-out mean: ${fmt(choices.reduce((s, c) => s + c.heldOut, 0) / FOLDS)}`);
}

/**
 * The cross-project penalty on stack terms (`projectSpread`), on the grid's folds and objective
 * (T1 MRR + T2 AUC per chronological fold); every other option at its default.
 */
function crossValidateProjectSpread() {
  const parts = similarityOptionGrid("projectSpread", "projectSpread", [0, 0.25, 0.5, 1], (spread) => ({
    projectSpread: spread,
  }));
  printChoices("T1 MRR + T2 AUC", parts.objective, (name, fold) => {
    const p = parts.byName.get(name);
    return ` (MRR ${fmt(p?.mrr[fold] ?? 0)}, RR@1 ${fmt(p?.rr1[fold] ?? 0)}, AUC ${fmt(p?.auc[fold] ?? 0)})`;
  });
}

type FoldScores = { mrr: number[]; rr1: number[]; auc: number[] };

/**
 * One similarity option over a grid, every other at its default: prints each value's per-fold MRR,
 * RR@1 and T2 AUC and the whole split's, and returns them with the grid's objective (T1 MRR + T2 AUC
 * per chronological fold), keyed "<prefix> <value>".
 */
function similarityOptionGrid(
  label: string,
  prefix: string,
  values: readonly number[],
  options: (value: number) => Partial<SimilarityOptions>,
): { objective: Map<string, number[]>; byName: Map<string, FoldScores> } {
  const objective = new Map<string, number[]>();
  const byName = new Map<string, FoldScores>();
  console.log(`| ${label} | MRR per fold | RR@1 per fold | AUC per fold | MRR, RR@1, AUC (whole split) |`);
  console.log("|---|---|---|---|---|");
  for (const value of values) {
    const name = `${prefix} ${value}`;
    const run = runSimilarity(data, { ...DEFAULT_SIMILARITY, ...options(value) });
    const folds = chronologicalFolds(run.ranks, FOLDS).map((f) => rankSummary(f.map((r) => r.rank)));
    const mrr = folds.map((f) => f.MRR);
    const rr1 = folds.map((f) => f["RR@1"]);
    const auc = chronologicalFolds(run.detections, FOLDS).map((f) => rocAuc(f));
    objective.set(
      name,
      mrr.map((m, i) => m + (auc[i] ?? 0)),
    );
    byName.set(name, { mrr, rr1, auc });
    const all = rankSummary(run.ranks.map((r) => r.rank));
    console.log(
      `| ${value} | ${mrr.map(fmt).join(" ")} | ${rr1.map(fmt).join(" ")} | ${auc.map(fmt).join(" ")} | ${fmt(all.MRR)}, ${fmt(all["RR@1"])}, ${fmt(rocAuc(run.detections))} |`,
    );
  }
  return { objective, byName };
}

/**
 * New vs seen (T2) and the title's weight: first `unseenInNorm`, a choice without a free parameter,
 * scored per chronological fold against the previous default (kept only if it wins on every fold,
 * T1 MRR + T2 AUC); then, with it, the title's weight re-chosen on the grid's folds and objective.
 */
function crossValidateSeen() {
  const base = { ...DEFAULT_SIMILARITY, unseenInNorm: false, titleWeight: 0.5 };
  crossValidateVariants([
    ["seen terms only, title 0.5 (previous default)", base],
    ...[0.5, 0.75, 1].map((titleWeight): [string, SimilarityOptions] => [
      `unseen terms in the norm, title ${titleWeight}`,
      { ...base, unseenInNorm: true, titleWeight },
    ]),
  ]);
}

/**
 * Message and title words stemmed (`terms.stemWords`), and the title's weight re-chosen with it, on
 * the grid's folds and objective.
 */
function crossValidateStem() {
  const base = {
    ...DEFAULT_SIMILARITY,
    terms: { ...DEFAULT_SIMILARITY.terms, stemWords: false },
    titleWeight: 0.75,
  };
  crossValidateVariants([
    ["words as written, title 0.75 (previous default)", base],
    ...[0.5, 0.75, 1].map((titleWeight): [string, SimilarityOptions] => [
      `stemmed words, title ${titleWeight}`,
      { ...base, terms: { ...base.terms, stemWords: true }, titleWeight },
    ]),
  ]);
}

/**
 * Each setting's per-fold MRR, RR@1 and T2 AUC and the whole split's; then, per fold, the setting
 * chosen on the other folds among all but the first (the previous default, shown for comparison).
 */
function crossValidateVariants(variants: [string, SimilarityOptions][]) {
  const objective = new Map<string, number[]>();
  const parts = new Map<string, { mrr: number[]; rr1: number[]; auc: number[] }>();
  console.log("| setting | MRR per fold | RR@1 per fold | AUC per fold | MRR, RR@1, AUC (whole split) |");
  console.log("|---|---|---|---|---|");
  for (const [position, [name, options]] of variants.entries()) {
    const run = runSimilarity(data, options);
    const folds = chronologicalFolds(run.ranks, FOLDS).map((f) => rankSummary(f.map((r) => r.rank)));
    const mrr = folds.map((f) => f.MRR);
    const rr1 = folds.map((f) => f["RR@1"]);
    const auc = chronologicalFolds(run.detections, FOLDS).map((f) => rocAuc(f));
    const all = rankSummary(run.ranks.map((r) => r.rank));
    if (position > 0)
      objective.set(
        name,
        mrr.map((m, i) => m + (auc[i] ?? 0)),
      );
    parts.set(name, { mrr, rr1, auc });
    console.log(
      `| ${name} | ${mrr.map(fmt).join(" ")} | ${rr1.map(fmt).join(" ")} | ${auc.map(fmt).join(" ")} | ${fmt(all.MRR)}, ${fmt(all["RR@1"])}, ${fmt(rocAuc(run.detections))} |`,
    );
  }
  const previous = parts.get(variants[0]?.[0] ?? "");
  printChoices("T1 MRR + T2 AUC", objective, (name, fold) => {
    const p = parts.get(name);
    const before = (previous?.mrr[fold] ?? 0) + (previous?.auc[fold] ?? 0);
    return ` (MRR ${fmt(p?.mrr[fold] ?? 0)}, RR@1 ${fmt(p?.rr1[fold] ?? 0)}, AUC ${fmt(p?.auc[fold] ?? 0)}; previous default ${fmt(before)})`;
  });
}

/** The owner's label-name weight (`nameWeight`), on the owner grid's folds; other options at their defaults. */
function crossValidateOwnerNames() {
  const objective = new Map<string, number[]>();
  console.log("| nameWeight | acc@1 per fold | acc@1, acc@3, acc@5 (whole split) |");
  console.log("|---|---|---|");
  for (const nameWeight of [0, 0.05, 0.1, 0.2, 0.5]) {
    const run = runOwner(data, { ...DEFAULT_OWNER_OPTIONS, nameWeight });
    const perFold = chronologicalFolds(run.rows, FOLDS).map((f) => accuracyAt(f, 1));
    objective.set(`nameWeight ${nameWeight}`, perFold);
    console.log(
      `| ${nameWeight} | ${perFold.map(fmt).join(" ")} | ${[1, 3, 5].map((k) => fmt(accuracyAt(run.rows, k))).join(", ")} |`,
    );
  }
  printChoices("T3 acc@1", objective, () => "");
}

/**
 * Ownership drift (`drift` in `LearnedOwner`): off, or each label's score times its recent share over
 * its all-time share, for 3 half-lives (730 d is the votes' own, so no new number) and, at 730 d, two
 * softer powers of the factor; other options at their defaults. Accepted only if it beats "off" held out without losing a fold.
 */
function crossValidateOwnerDrift() {
  const objective = new Map<string, number[]>();
  console.log("| drift | acc@1 per fold | acc@1, acc@3, acc@5 (whole split) |");
  console.log("|---|---|---|");
  const variants: [string, OwnerOptions][] = [
    ["off", DEFAULT_OWNER_OPTIONS],
    ...[365, 730, 1460].map((halfLifeDays): [string, OwnerOptions] => [
      `half-life ${halfLifeDays} d`,
      { ...DEFAULT_OWNER_OPTIONS, drift: { halfLifeDays } },
    ]),
    ...[0.25, 0.5].map((power): [string, OwnerOptions] => [
      `half-life 730 d, power ${power}`,
      { ...DEFAULT_OWNER_OPTIONS, drift: { halfLifeDays: 730, power } },
    ]),
  ];
  for (const [name, options] of variants) {
    const run = runOwner(data, options);
    const perFold = chronologicalFolds(run.rows, FOLDS).map((f) => accuracyAt(f, 1));
    objective.set(name, perFold);
    console.log(
      `| ${name} | ${perFold.map(fmt).join(" ")} | ${[1, 3, 5].map((k) => fmt(accuracyAt(run.rows, k))).join(", ")} |`,
    );
  }
  const off = objective.get("off") ?? [];
  printChoices("T3 acc@1", objective, (_, fold) => ` (off: ${fmt(off[fold] ?? 0)})`);
}

/**
 * TraceSim combined with the TF-IDF score (`alignmentWeight`, `alignment: "tracesim"`: the best 50
 * candidates re-scored by the weighted mean of the stack and title cosines and the alignment), on
 * the grid's folds and objective (T1 MRR + T2 AUC); every other option at its default.
 */
function crossValidateAlignment() {
  const parts = similarityOptionGrid(
    "alignmentWeight",
    "alignment",
    [0, 0.25, 0.5, 1],
    (alignmentWeight) => ({
      alignment: "tracesim",
      alignmentWeight,
    }),
  );
  const off = parts.byName.get("alignment 0");
  printChoices("T1 MRR + T2 AUC", parts.objective, (name, fold) => {
    const p = parts.byName.get(name);
    return ` (MRR ${fmt(p?.mrr[fold] ?? 0)}, AUC ${fmt(p?.auc[fold] ?? 0)}; alignment 0: ${fmt((off?.mrr[fold] ?? 0) + (off?.auc[fold] ?? 0))})`;
  });
}

/**
 * The owner's softmax regression (`logit` in `LearnedOwner`): its probability × weight added to the
 * kNN votes, profile and name, for 2 penalties × 3 weights; "alone" is the regression by itself (the
 * other signals at 0). Kept only if the choice made on two folds beats "off" on the third, every fold.
 */
function crossValidateOwnerLogit() {
  const objective = new Map<string, number[]>();
  console.log("| logit | acc@1 per fold | acc@1, acc@3, acc@5 (whole split) |");
  console.log("|---|---|---|");
  const variants: [string, OwnerOptions][] = [["off", DEFAULT_OWNER_OPTIONS]];
  for (const l2 of LOGIT_L2_GRID) {
    for (const weight of LOGIT_WEIGHT_GRID) {
      variants.push([`λ ${l2}, weight ${weight}`, { ...DEFAULT_OWNER_OPTIONS, logit: { l2, weight } }]);
    }
    variants.push([
      `λ ${l2}, alone`,
      { neighbours: 0, halfLifeDays: 730, profileWeight: 0, nameWeight: 0, logit: { l2, weight: 1 } },
    ]);
  }
  for (const [name, options] of variants) {
    const run = runOwner(data, options);
    const perFold = chronologicalFolds(run.rows, FOLDS).map((f) => accuracyAt(f, 1));
    objective.set(name, perFold);
    console.log(
      `| ${name} | ${perFold.map(fmt).join(" ")} | ${[1, 3, 5].map((k) => fmt(accuracyAt(run.rows, k))).join(", ")} |`,
    );
  }
  const off = objective.get("off") ?? [];
  printChoices("T3 acc@1", objective, (_, fold) => ` (off: ${fmt(off[fold] ?? 0)})`);
}

/**
 * T2 calibrated by the query's own structure: score − β·ln(1 + frames in its stack), since a short
 * stack matches everything about as well. One replay with the defaults; β chosen on two folds.
 */
function crossValidateStructure() {
  const run = runSimilarity(data, DEFAULT_SIMILARITY);
  const frames = new Map(data.reports.map((r) => [r.id, r.traces.reduce((n, t) => n + t.frames.length, 0)]));
  const objective = new Map<string, number[]>();
  console.log("| β | AUC per fold | AUC (whole split) |");
  console.log("|---|---|---|");
  for (const beta of [0, 0.01, 0.02, 0.05]) {
    const points = run.detections.map((p) => ({
      ...p,
      score: p.score - beta * Math.log1p(frames.get(p.id) ?? 0),
    }));
    const perFold = chronologicalFolds(points, FOLDS).map((f) => rocAuc(f));
    objective.set(`β ${beta}`, perFold);
    console.log(`| ${beta} | ${perFold.map(fmt).join(" ")} | ${fmt(rocAuc(points))} |`);
  }
  const off = objective.get("β 0") ?? [];
  printChoices("T2 AUC", objective, (_, fold) => ` (β 0: ${fmt(off[fold] ?? 0)})`);
}

crossValidateReranker();
crossValidateProjectSpread();
crossValidateOwnerNames();

/**
 * The re-ranker, per feature set: the T1 queries cut into 3 chronological folds (time ranges; the
 * T2 reports of each range go with it); for each fold the weights are trained on the ranking
 * examples outside its range and the fold is scored with them. "none" is the index's own order.
 */
function crossValidateReranker() {
  const featureSets: PairFeature[][] = [
    [],
    ["base", "sameProject"],
    ["base", "sameProject", "message"],
    ["base", "sameProject", "message", "exception", "prefix", "traceSim"],
    // Frame-level features with a learned weight per depth band, as in Shibaev et al. (SANER 2025).
    ["base", "topFrame", "rootException", "sharedTop", "sharedMiddle", "sharedDeep"],
    [...PAIR_FEATURES],
  ];
  const queryTimes = data.reports.filter((r) => data.queries.has(r.id)).map((r) => r.created_ts);
  const starts = chronologicalFolds(
    queryTimes.map((at) => ({ at })),
    FOLDS,
  ).map((f, i) => (i === 0 ? Number.NEGATIVE_INFINITY : (f[0]?.at ?? 0)));
  const inFold = (at: number, f: number) =>
    at >= (starts[f] ?? 0) && at < (starts[f + 1] ?? Number.POSITIVE_INFINITY);
  const base = { ...DEFAULT_SIMILARITY, rerank: undefined };
  const examples = rankingExamples(data, base, DEFAULT_RERANKER.candidates);
  console.log("| re-ranker features | fold | weights (trained on the other folds) | MRR | RR@1 | T2 AUC |");
  console.log("|---|---|---|---|---|---|");
  for (const features of featureSets) {
    const perFold = Array.from({ length: FOLDS }, (_, f) => {
      const weights = trainReranker(
        examples.filter((e) => !inFold(e.at, f)),
        features,
        RERANK_L2,
      );
      const options: SimilarityOptions =
        features.length === 0
          ? base
          : { ...base, rerank: { candidates: DEFAULT_RERANKER.candidates, weights } };
      const run = runSimilarity(data, options, undefined, (r) => inFold(r.created_ts, f));
      const t1 = rankSummary(run.ranks.map((r) => r.rank));
      const auc = rocAuc(run.detections);
      const w = Object.entries(weights)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(", ");
      console.log(
        `| ${features.join(", ") || "none"} | ${f + 1} | ${w || "–"} | ${fmt(t1.MRR)} | ${fmt(t1["RR@1"])} | ${fmt(auc)} |`,
      );
      return { mrr: t1.MRR, rr1: t1["RR@1"], auc };
    });
    const mean = (k: "mrr" | "rr1" | "auc") => fmt(perFold.reduce((s, x) => s + x[k], 0) / FOLDS);
    console.log(
      `| ${features.join(", ") || "none"} | mean | | ${mean("mrr")} | ${mean("rr1")} | ${mean("auc")} |`,
    );
  }
}

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
