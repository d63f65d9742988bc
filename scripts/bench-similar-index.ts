// `npm run bench:similar-index`: the similar-issue index in the database at 10,000 and 100,000
// issues. Seeds synthetic but realistically shaped issues (frames drawn from a Zipf vocabulary:
// a few framework frames in almost every stack, a long tail of application frames; exception
// types and message words Zipf too; one issue in ten a near copy of an earlier one), indexes them
// in bulk with the same weighting the job uses, then measures with the product's own code:
//   lookup:  listSimilarIssues, what GET /api/issues/{id} reads (the stored top 10 with resolution)
//   search:  findSimilarIssues, a fresh top-10 search (SQL candidates, re-ranked in TypeScript)
//   update:  runIndexSimilarJob for a new issue (search, replace its terms, store its matches)
// PGlite at 10,000; PostgreSQL (BENCH_PG_ADMIN_URL, a scratch database dropped after) at both.
// SIFT_BENCH_SIZES="10000,100000" and SIFT_BENCH_SAMPLES=200 override the defaults.
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { documentWeights, traceInputOf } from "@/lib/analysis/similar-issue-terms";
import { DEFAULT_SIMILARITY } from "@/lib/analysis/similarity/similarity-index";
import { stackTerms, type TermVector, titleTerms } from "@/lib/analysis/similarity/stack-terms";
import type { Frame } from "@/lib/analysis/types";
import { connect, type Database } from "@/lib/db/connect";
import { listSimilarIssues } from "@/lib/db/queries/similar-issues";
import { textArray } from "@/lib/db/text-array";
import { findSimilarIssues } from "@/lib/enrichment/find-similar-issues";
import { runIndexSimilarJob } from "@/lib/enrichment/index-similar-job";
import { createBenchDatabase } from "./support/bench-database";
import { machineLine, writeBenchmarkSection } from "./support/benchmark-doc";

const sizes = (process.env.SIFT_BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const samples = Number(process.env.SIFT_BENCH_SAMPLES ?? 200);

// A seeded generator (mulberry32), so every run seeds the same issues.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with P(k) ∝ 1/(k+1)^s, by inverting the cumulative weights. */
function zipf(n: number, s: number, rand: () => number) {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cumulative[k] = total += 1 / (k + 1) ** s;
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

type Stack = { frames: Frame[]; exceptionType: string; exceptionValue: string };

function stackGenerator(seed: number) {
  const rand = random(seed);
  const frame = zipf(60_000, 1.05, rand);
  const framework = zipf(400, 1.2, rand);
  const exception = zipf(300, 1.1, rand);
  const word = zipf(5_000, 1.0, rand);
  const asFrame = (module: string, fn: string): Frame => ({
    module,
    function: fn,
    filename: null,
    lineNo: 1,
    inApp: true,
  });
  const appFrame = (k: number) => asFrame(`com.acme.m${k % 997}.C${k % 7919}`, `f${k}`);
  const made: Stack[] = [];
  return (): Stack => {
    const earlier = made[Math.floor(rand() * made.length)];
    if (earlier && rand() < 0.1) {
      // A near copy: another message, one frame more or less near the top.
      const frames = rand() < 0.5 ? earlier.frames.slice(0, -1) : [...earlier.frames, appFrame(frame())];
      const copy = { ...earlier, frames, exceptionValue: `${earlier.exceptionValue} w${word()}` };
      made.push(copy);
      return copy;
    }
    // Sentry order: the thread's entry first, framework frames, then the application's, crash site last.
    const frames: Frame[] = [asFrame("java.lang.Thread", "run")];
    const depth = 4 + Math.floor(rand() * 10);
    for (let i = 0; i < depth; i++) frames.push(asFrame(`org.framework.F${framework()}`, "invoke"));
    const appDepth = 3 + Math.floor(rand() * 12);
    for (let i = 0; i < appDepth; i++) frames.push(appFrame(frame()));
    const words = Array.from({ length: 2 + Math.floor(rand() * 5) }, () => `w${word()}`);
    const stack = {
      frames,
      exceptionType: `com.acme.E${exception()}Exception`,
      exceptionValue: words.join(" "),
    };
    made.push(stack);
    return stack;
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
};

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const BATCH = 2_000;

/**
 * Seeds `count` issues with the index as the job would leave it, in bulk: postings weighted with
 * the final document frequencies (the job weighs each with those of its time: the same shape),
 * and ten stored matches each drawn among issues sharing its rarest term.
 */
async function seed(db: Database, count: number, next: () => Stack): Promise<{ postings: number }> {
  await db.execute(sql`insert into projects (id, slug) values ('1', 'bench'), ('2', 'other')`);
  const docs: { id: string; project: string; title: string; stack: TermVector; words: TermVector }[] = [];
  const frequency = new Map<string, number>();
  const termProjects = new Map<string, Map<string, number>>();
  for (let i = 0; i < count; i++) {
    const stack = next();
    const title = `${stack.exceptionType}: ${stack.exceptionValue}`;
    const doc = {
      id: String(1_000_000 + i),
      project: (i + 1) % 2 === 0 ? "1" : "2",
      title,
      stack: stackTerms(traceInputOf({ ...stack, message: null }), DEFAULT_SIMILARITY.terms),
      words: titleTerms(title, DEFAULT_SIMILARITY.terms),
    };
    for (const t of [...doc.stack.keys(), ...doc.words.keys()]) frequency.set(t, (frequency.get(t) ?? 0) + 1);
    for (const t of doc.stack.keys()) {
      const counts = termProjects.get(t) ?? new Map<string, number>();
      termProjects.set(t, counts.set(doc.project, (counts.get(doc.project) ?? 0) + 1));
    }
    docs.push(doc);
  }
  const projects = new Map([...termProjects].map(([t, p]) => [t, p.size]));
  const stats = { documents: count, frequency, projects };
  let postings = 0;
  const start = Date.UTC(2026, 0, 1);
  for (let from = 0; from < docs.length; from += BATCH) {
    const batch = docs.slice(from, from + BATCH);
    const ids = batch.map((d) => d.id);
    await db.execute(sql`
      insert into issues (id, project_id, title, status, first_seen, last_seen)
      select id, case when n % 2 = 0 then '1' else '2' end, title,
        case when n % 3 = 0 then 'resolved' else 'unresolved' end,
        to_timestamp((${start} + n * 60000) / 1000.0), to_timestamp((${start} + n * 60000) / 1000.0)
      from unnest(${textArray(ids)}, ${textArray(batch.map((d) => d.title))}) with ordinality as x(id, title, n)`);
    const issueIds: string[] = [];
    const terms: string[] = [];
    const weights: number[] = [];
    for (const doc of batch) {
      const weighted = [
        ...documentWeights(doc.stack, { ...stats, spread: DEFAULT_SIMILARITY.projectSpread ?? 0 }),
        ...documentWeights(doc.words, stats),
      ];
      for (const [term, weight] of weighted) {
        issueIds.push(doc.id);
        terms.push(term);
        weights.push(weight);
      }
    }
    postings += terms.length;
    await db.execute(sql`
      insert into issue_terms (issue_id, term, weight)
      select * from unnest(${textArray(issueIds)}, ${textArray(terms)}, ${`{${weights.join(",")}}`}::float8[])`);
    await db.execute(sql`
      insert into similarity_documents (issue_id, frames, project_id)
      select id, '{}', p from unnest(${textArray(ids)}, ${textArray(batch.map((d) => d.project))}) as x(id, p)`);
  }
  const pairs = [...termProjects].flatMap(([t, ps]) => [...ps].map(([p, n]) => [t, p, n] as const));
  for (let from = 0; from < pairs.length; from += 20_000) {
    const part = pairs.slice(from, from + 20_000);
    await db.execute(sql`
      insert into similarity_term_projects (term, project_id, documents)
      select * from unnest(${textArray(part.map((x) => x[0]))}, ${textArray(part.map((x) => x[1]))},
        ${`{${part.map((x) => x[2]).join(",")}}`}::int[])`);
  }
  const names = [...frequency.keys()];
  for (let from = 0; from < names.length; from += 20_000) {
    const part = names.slice(from, from + 20_000);
    await db.execute(sql`
      insert into similarity_terms (term, documents, projects)
      select * from unnest(${textArray(part)}, ${`{${part.map((t) => frequency.get(t)).join(",")}}`}::int[],
        ${`{${part.map((t) => projects.get(t) ?? 0).join(",")}}`}::int[])`);
  }
  await db.execute(sql`insert into similarity_corpus (id, documents) values (1, ${count})`);
  // Ten stored matches per issue, as the job leaves them (their choice does not change the read).
  await db.execute(sql`
    insert into similar_issues (issue_id, similar_id, score, why)
    select i.id, (1000000 + ((i.id::bigint - 1000000 + k * 7919) % ${count}))::text, 1.0 / (k + 1),
      '{"sharedFrames":["com.acme.m1.C1.f1"],"exception":true,"messageWords":["w1"]}'::jsonb
    from issues i cross join generate_series(1, 10) as k
    on conflict do nothing`);
  // What autovacuum does to a settled table: sets the visibility map, so postings are read from
  // the term index alone (an index-only scan) rather than one heap page per posting.
  await db.execute(sql`vacuum analyze`);
  return { postings };
}

type Row = {
  driver: string;
  issues: number;
  postings: number;
  lookup: number[];
  search: number[];
  update: number[];
};

async function measure(driver: "pglite" | "postgres", count: number): Promise<Row> {
  const scratch = driver === "postgres" ? await createBenchDatabase() : null;
  const connection = await connect(
    scratch ? { databaseUrl: scratch.url, dataDir: "" } : { dataDir: "memory://" },
  );
  try {
    const db = connection.db;
    const next = stackGenerator(42);
    const seedStart = performance.now();
    const { postings } = await seed(db, count, next);
    console.log(
      `${driver} ${count}: seeded ${postings} postings in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`,
    );
    const ids = Array.from({ length: samples }, (_, i) =>
      String(1_000_000 + Math.floor((i * count) / samples)),
    );
    const lookup: number[] = [];
    for (const id of ids) lookup.push(await timed(() => listSimilarIssues(db, id, 10)));
    // New issues, each with its event, indexed by the job one after another.
    const fresh = Array.from({ length: samples }, next);
    const search: number[] = [];
    for (const stack of fresh) {
      search.push(
        await timed(() =>
          findSimilarIssues(
            db,
            {
              issueId: "0",
              traces: traceInputOf({ ...stack, message: null }),
              title: `${stack.exceptionType}: ${stack.exceptionValue}`,
              firstSeen: new Date(Date.UTC(2026, 6, 1)),
            },
            DEFAULT_SIMILARITY,
            10,
          ),
        ),
      );
    }
    const update: number[] = [];
    for (const [i, stack] of fresh.entries()) {
      const id = String(9_000_000 + i);
      const at = new Date(Date.UTC(2027, 0, 1) + i * 1000);
      await db.execute(
        sql`insert into issues (id, project_id, title, first_seen, last_seen) values (${id}, '1', ${`${stack.exceptionType}: ${stack.exceptionValue}`}, ${at.toISOString()}, ${at.toISOString()})`,
      );
      await db.execute(sql`
        insert into events (id, issue_id, project_id, occurred_at, exception_type, exception_value, tags, frames)
        values (${id.padStart(32, "0")}, ${id}, '1', ${at.toISOString()}, ${stack.exceptionType}, ${stack.exceptionValue}, '{}', ${JSON.stringify(stack.frames)})`);
      update.push(await timed(() => runIndexSimilarJob(db, id)));
    }
    return { driver, issues: count, postings, lookup, search, update };
  } finally {
    await connection.close();
    await scratch?.drop();
  }
}

const loadAtStart = loadavg()[0] ?? 0;
const rows: Row[] = [];
for (const count of sizes) {
  if (count <= 10_000) rows.push(await measure("pglite", count));
  rows.push(await measure("postgres", count));
}
const ms = (values: number[], p: number) => percentile(values, p).toFixed(1);
const lines = rows.map(
  (r) =>
    `| ${r.driver === "pglite" ? "PGlite" : "PostgreSQL 15"} | ${r.issues.toLocaleString("en")} | ${r.postings.toLocaleString("en")} | ${ms(r.lookup, 0.5)} / ${ms(r.lookup, 0.95)} | ${ms(r.search, 0.5)} / ${ms(r.search, 0.95)} | ${ms(r.update, 0.5)} / ${ms(r.update, 0.95)} |`,
);
for (const line of lines) console.log(line);
const section = [
  `## Similar-issue index (${new Date().toISOString().slice(0, 10)})`,
  "",
  "Method: `npm run bench:similar-index`. Seeds synthetic issues whose stacks are drawn from Zipf",
  "vocabularies (60,000 application frames, 400 framework frames under every stack, 300 exception",
  "types, 5,000 message words; 7–28 frames a stack; one issue in ten a near copy of an earlier one),",
  "indexes them in bulk with the job's weighting and ten stored matches each, then times the product's",
  `own functions on ${samples} issues each, one after another: **lookup** = \`listSimilarIssues\`, the`,
  "stored top 10 with each match's resolution, as the issue page reads it; **search** = `findSimilarIssues`,",
  "a fresh top-10 search (the SQL candidate query over the rarest query terms' postings, up to 20,000,",
  "then every candidate scored on all shared terms and re-ranked in TypeScript); **update** =",
  "`runIndexSimilarJob` for a new issue (its event read, the search, its terms replaced with document",
  "frequencies and count kept, its matches and their reverse rows stored), i.e. the index update cost",
  `per issue. Times in ms, p50 / p95, in process. ${machineLine()}`,
  "",
  "| database | issues | postings | lookup p50 / p95 | search p50 / p95 | update per issue p50 / p95 |",
  "|---|---|---|---|---|---|",
  ...lines,
  "",
  `Load average (1 min) at the start: ${loadAtStart.toFixed(1)}, at the end: ${(loadavg()[0] ?? 0).toFixed(1)};`,
  "on a shared machine the p95s of search and update follow the load more than the index size.",
  "",
].join("\n");
writeBenchmarkSection(section, (part) => part.startsWith("## Similar-issue index"));
