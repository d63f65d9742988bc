// `npm run fit:summary-confidence -- --claims <file> [--source replay:incidents]`: refits the summary
// confidence's parameters (lib/analysis/summary-confidence-fit.json) from the claims that
// `npm run replay:incidents -- --from 1 --to 200 --claims <file>` (or eval:incidents with the same
// flags) scored against the generated truth; `--source` names which, for the record. Tuning seeds only: it refuses a
// file holding any seed above 200, which are held out for the evaluation.
// - each discrete evidence feature (category by basis, incident member / alone / alone while fresh,
//   owner by rule): the share of its claims that held, with one success and one failure added
//   (Laplace), kept within [0.02, 0.98];
// - the root: a Platt map over the grouping's root confidence (two parameters, logistic
//   regression on its logit), left as it is while fewer than ten roots of the file were wrong;
// - the summary: a Platt map over the product of the refitted claims (two parameters), for what
//   the product's independence gets wrong.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { expectedCalibrationError } from "@/lib/analysis/calibration";
import {
  claimConfidence,
  type PlattMap,
  SUMMARY_CLAIM_PARAMS,
  type SummaryClaimParams,
  summaryConfidence,
} from "@/lib/analysis/summary-confidence";
import type { ScoredSummary } from "./support/summary-truth";

const { values } = parseArgs({
  options: { claims: { type: "string" }, source: { type: "string", default: "eval:incidents" } },
});
if (!values.claims) throw new Error("--claims <file written by eval:incidents --claims> is required");
const summaries = JSON.parse(readFileSync(values.claims, "utf8")) as ScoredSummary[];
const seeds = new Set(summaries.map((s) => s.seed));
if ([...seeds].some((seed) => seed > 200)) throw new Error("seeds above 200 are held out: fit on 1–200 only");

const round = (n: number) => Math.round(n * 1000) / 1000;
const EDGE = 0.001;
const logit = (p: number) => {
  const q = Math.min(1 - EDGE, Math.max(EDGE, p));
  return Math.log(q / (1 - q));
};

// Fewer right or wrong examples than this leave a Platt map unfitted (kept as it is): with none of
// one class the maximum-likelihood map runs off to certainty.
const MIN_PER_CLASS = 10;

/**
 * Logistic regression of `y` on `x` (slope and intercept) by Newton's method, a small ridge for
 * stability; `current` when either class has fewer than MIN_PER_CLASS points.
 */
function fitPlatt(points: { x: number; y: boolean }[], current: PlattMap): PlattMap {
  const right = points.filter((p) => p.y).length;
  if (right < MIN_PER_CLASS || points.length - right < MIN_PER_CLASS) return current;
  let a = 1;
  let b = 0;
  const ridge = 1e-3;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = ridge * (a - 1);
    let gb = ridge * b;
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    for (const { x, y } of points) {
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const r = p - (y ? 1 : 0);
      const w = p * (1 - p);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { slope: round(a), intercept: round(b) };
}

const claims = summaries.flatMap((s) => s.claims);
// The generator knows no label noise: a kind of claim is right always or never there. Kept inside
// these bounds, a fitted probability does not tell a real user a claim is certain (or certainly
// wrong) because the generated errors were.
const BOUNDS = [0.02, 0.98] as const;
const share = (factor: string, fallback: number) => {
  const of = claims.filter((c) => c.factor === factor);
  if (of.length === 0) return fallback;
  const laplace = (of.filter((c) => c.holds).length + 1) / (of.length + 2);
  return round(Math.min(BOUNDS[1], Math.max(BOUNDS[0], laplace)));
};
const table = <T extends Record<string, number>>(group: string, current: T): T =>
  Object.fromEntries(Object.entries(current).map(([k, v]) => [k, share(`${group}.${k}`, v)])) as T;

const roots = claims.filter((c) => c.factor === "root" && c.raw !== null);
const params: SummaryClaimParams = {
  ...SUMMARY_CLAIM_PARAMS,
  category: table("category", SUMMARY_CLAIM_PARAMS.category),
  incident: table("incident", SUMMARY_CLAIM_PARAMS.incident),
  owner: table("owner", SUMMARY_CLAIM_PARAMS.owner),
  root: fitPlatt(
    roots.map((c) => ({ x: logit(c.raw ?? 0), y: c.holds })),
    SUMMARY_CLAIM_PARAMS.root,
  ),
  summary: { slope: 1, intercept: 0 },
  fittedOn: "",
};
const products = summaries.map((s) => ({
  p: s.claims.reduce((product, c) => product * claimConfidence(c.factor, c.raw, params), 1),
  y: s.allHold,
}));
params.summary = fitPlatt(
  products.map(({ p, y }) => ({ x: logit(p), y })),
  { slope: 1, intercept: 0 },
);

const ece = (confidence: (s: ScoredSummary, i: number) => number) =>
  expectedCalibrationError(summaries.map((s, i) => ({ confidence: confidence(s, i), correct: s.allHold })));
const before = ece((s) => s.confidence);
const after = ece((s) =>
  summaryConfidence(
    s.claims.map((c) => ({ confidence: claimConfidence(c.factor, c.raw, params) })),
    params.summary,
  ),
);
const fit = {
  fittedOn: `fitted on seeds ${Math.min(...seeds)}–${Math.max(...seeds)} (${summaries.length} summaries scored by ${values.source}) by npm run fit:summary-confidence`,
  category: params.category,
  incident: params.incident,
  owner: params.owner,
  root: params.root,
  summary: params.summary,
};
const file = path.resolve(import.meta.dirname, "../lib/analysis/summary-confidence-fit.json");
writeFileSync(file, `${JSON.stringify(fit, null, 2)}\n`);
console.log(JSON.stringify({ ...fit, inSampleEce: { before: round(before), after: round(after) } }, null, 2));
