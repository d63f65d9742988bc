// The stack-trace benchmark's protocol (../shared/bench/stacktraces/README.md) over any directory
// in its format, run on the product's own pure code: SimilarityIndex for T1/T2, LearnedOwner for T3.
import { readFileSync } from "node:fs";
import path from "node:path";
import { LearnedOwner, type OwnerOptions } from "@/lib/analysis/learned-owner";
import { SimilarityIndex, type SimilarityOptions } from "@/lib/analysis/similarity/similarity-index";
import type { TraceInput } from "@/lib/analysis/similarity/stack-terms";
import type { RankingExample } from "@/lib/analysis/similarity/train-reranker";
import { accuracyAt, collapseToGroups, groupRank, rocAuc } from "./eval-metrics";

type RawTrace = { exception: string | null; message: string | null; frames: string[]; causes?: RawTrace[] };

export type Report = {
  id: string;
  project: string;
  created_ts: number;
  summary: string;
  traces: TraceInput[];
  dup_group: string | null;
};

export type OwnerRow = { id: string; project: string; label: string; split: string; created_ts: number };

export type Dataset = { reports: Report[]; queries: Map<string, string>; ownerRows: OwnerRow[] };

// The README's rule: `traces` if non-empty, else the first comment's; each trace flattened with its causes.
export function flattenTraces(raw: {
  traces?: RawTrace[];
  comment_traces?: { traces?: RawTrace[] }[];
}): TraceInput[] {
  const own = raw.traces ?? [];
  const chosen = own.length > 0 ? own : (raw.comment_traces?.[0]?.traces ?? []);
  const flat: TraceInput[] = [];
  const visit = (t: RawTrace) => {
    flat.push({ exception: t.exception ?? null, message: t.message ?? null, frames: t.frames ?? [] });
    for (const cause of t.causes ?? []) visit(cause);
  };
  for (const t of chosen) visit(t);
  return flat;
}

// No field of the benchmark's CSV files is quoted or holds a comma except, possibly, a label: the
// label is everything between the project and the last two columns.
function csvRows(file: string): string[][] {
  return readFileSync(file, "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(","));
}

export function loadDataset(dir: string): Dataset {
  const reports = readFileSync(path.join(dir, "reports.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const raw = JSON.parse(line);
      return {
        id: String(raw.id),
        project: String(raw.project ?? ""),
        created_ts: Number(raw.created_ts),
        summary: String(raw.summary ?? ""),
        traces: flattenTraces(raw),
        dup_group: raw.dup_group ?? null,
      } satisfies Report;
    })
    // Stable: equal timestamps keep file order.
    .sort((a, b) => a.created_ts - b.created_ts);
  const queries = new Map(csvRows(path.join(dir, "dedup_queries.csv")).map(([q = "", g = ""]) => [q, g]));
  const ownerRows = csvRows(path.join(dir, "owner_component_split.csv")).map((cells) => ({
    id: cells[0] ?? "",
    project: cells[1] ?? "",
    label: cells.slice(2, -2).join(","),
    split: cells.at(-2) ?? "",
    created_ts: Number(cells.at(-1)),
  }));
  return { reports, queries, ownerRows };
}

export type SimilarityRun = {
  /** Rank of the true group per T1 query, in time order, with the query's id. */
  ranks: { id: string; rank: number; at: number }[];
  /** T2 points: best similarity to an earlier report, and whether an earlier group member exists. */
  detections: { id: string; score: number; positive: boolean; at: number }[];
};

const SEARCH_DEPTH = 1000;

/** T1 and T2 in one pass over the reports in time order; a query sees only earlier reports. */
export function runSimilarity(
  data: Dataset,
  options: SimilarityOptions | undefined,
  progress: (done: number, total: number) => void = () => {},
  /** Reports searched (all by default; every report is indexed either way): a CV fold's. */
  scored: (report: Report) => boolean = () => true,
): SimilarityRun {
  const index = new SimilarityIndex(options);
  const groupById = new Map<string, string>();
  const seenGroups = new Set<string>();
  const ranks: SimilarityRun["ranks"] = [];
  const detections: SimilarityRun["detections"] = [];
  const t2From = Math.floor(data.reports.length * 0.1);
  const groupOf = (r: Report) => r.dup_group ?? r.id;
  data.reports.forEach((report, position) => {
    const trueGroup = data.queries.get(report.id);
    const context = { title: report.summary, at: report.created_ts, project: report.project };
    const needT2 = position >= t2From;
    if ((trueGroup !== undefined || needT2) && scored(report)) {
      const matches = report.traces.length > 0 ? index.search(report.traces, SEARCH_DEPTH, context) : [];
      if (trueGroup !== undefined) {
        const scores = collapseToGroups(matches, (id) => groupById.get(id) ?? id);
        const rank = groupRank(scores, trueGroup, seenGroups.size);
        ranks.push({ id: report.id, rank, at: report.created_ts });
      }
      if (needT2) {
        detections.push({
          id: report.id,
          score: matches[0]?.score ?? 0,
          positive: seenGroups.has(groupOf(report)),
          at: report.created_ts,
        });
      }
    }
    if (report.traces.length > 0) index.add(report.id, report.traces, context);
    groupById.set(report.id, groupOf(report));
    seenGroups.add(groupOf(report));
    if ((position + 1) % 500 === 0 || position + 1 === data.reports.length) {
      progress(position + 1, data.reports.length);
    }
  });
  return { ranks, detections };
}

/**
 * The re-ranker's training data: each report (with a stack) that has an earlier member of its
 * group among the index's best `candidates` for it, with those candidates' pair features, the true
 * one the best-placed member. `include(report)` picks the reports used (a fold's complement in CV).
 */
export function rankingExamples(
  data: Dataset,
  options: SimilarityOptions,
  candidates: number,
  include: (report: Report) => boolean = () => true,
): (RankingExample & { at: number })[] {
  const index = new SimilarityIndex({ ...options, rerank: undefined });
  const groupById = new Map<string, string>();
  const examples: (RankingExample & { at: number })[] = [];
  for (const report of data.reports) {
    const group = report.dup_group ?? report.id;
    const context = { title: report.summary, at: report.created_ts, project: report.project };
    if (report.traces.length > 0 && include(report)) {
      const pairs = index.candidatePairs(report.traces, candidates, context);
      const truth = pairs.findIndex((p) => groupById.get(p.id) === group);
      if (truth >= 0)
        examples.push({ candidates: pairs.map((p) => p.features), truth, at: report.created_ts });
    }
    if (report.traces.length > 0) index.add(report.id, report.traces, context);
    groupById.set(report.id, group);
  }
  return examples;
}

export type OwnerRun = { rows: { id: string; label: string; predicted: string[]; at: number }[] };

/** T3: one model per project trained on its `train` rows, predicting its `test` rows. */
export function runOwner(data: Dataset, options: OwnerOptions | undefined): OwnerRun {
  const byId = new Map(data.reports.map((r) => [r.id, r]));
  const models = new Map<string, LearnedOwner>();
  const modelOf = (project: string) => {
    const model = models.get(project) ?? new LearnedOwner(options);
    models.set(project, model);
    return model;
  };
  for (const row of data.ownerRows.filter((r) => r.split === "train")) {
    const report = byId.get(row.id);
    modelOf(row.project).learn({
      id: row.id,
      label: row.label,
      at: row.created_ts,
      traces: report?.traces ?? [],
      text: report?.summary ?? "",
    });
  }
  const rows = data.ownerRows
    .filter((r) => r.split === "test")
    .map((row) => {
      const report = byId.get(row.id);
      const predicted = modelOf(row.project)
        .predict({ traces: report?.traces ?? [], text: report?.summary ?? "", at: row.created_ts }, 5)
        .map((p) => p.label);
      return { id: row.id, label: row.label, predicted, at: row.created_ts };
    });
  return { rows };
}

export function ownerSummary(run: OwnerRun) {
  return {
    "acc@1": accuracyAt(run.rows, 1),
    "acc@3": accuracyAt(run.rows, 3),
    "acc@5": accuracyAt(run.rows, 5),
  };
}

export const detectionAuc = (run: SimilarityRun) => rocAuc(run.detections);
