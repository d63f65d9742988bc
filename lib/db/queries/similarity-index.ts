import { sql } from "drizzle-orm";
import type { SimilarCandidate } from "@/lib/analysis/rank-similar-issues";
import { documentWeights, type TermStatistics } from "@/lib/analysis/similar-issue-terms";
import type { TermVector } from "@/lib/analysis/similarity/stack-terms";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { textArray } from "../text-array";

// The similar-issue index: issue_terms holds each indexed issue's postings (stack terms and title
// words, `t:`, each part normalised on its own), similarity_terms each term's document frequency and
// project count (similarity_term_projects per project) and similarity_corpus the number of indexed
// issues, all kept here with each update, so a search reads only the postings of its own terms.

// One array literal is one parameter; `String(n)` of a float is a valid float8 literal.
const floatArray = (values: number[]) => sql`${`{${values.map(String).join(",")}}`}::float8[]`;

export type TermFrequencies = {
  documents: number;
  frequency: Map<string, number>;
  projects: Map<string, number>;
};

/**
 * The number of indexed issues, how many of them hold each of `terms` and in how many projects
 * (absent: none).
 */
export async function readTermFrequencies(db: Database, terms: string[]): Promise<TermFrequencies> {
  const result = await db.execute(sql`
    select null as term, coalesce((select documents from similarity_corpus where id = 1), 0) as documents, 0 as projects
    union all
    select term, documents, projects from similarity_terms where term = any(${textArray(terms)}) and documents > 0`);
  const frequency = new Map<string, number>();
  const projects = new Map<string, number>();
  let documents = 0;
  for (const row of rowsOf<{ term: string | null; documents: number | string; projects: number | string }>(
    result,
  )) {
    if (row.term === null) documents = Number(row.documents);
    else {
      frequency.set(row.term, Number(row.documents));
      projects.set(row.term, Number(row.projects));
    }
  }
  return { documents, frequency, projects };
}

export type IndexedCandidate = SimilarCandidate & { status: string; firstSeen: Date };

/**
 * Candidates for a query: the `limit` issues scoring highest over the `probe` terms' postings,
 * then each scored on every term it shares with the whole query: `cosine` over its stack terms,
 * `titleCosine` over its title words (`t:`), each exact when its part of `query` is normalised, with
 * its status, first seen and, when `withFrames`, its aligned frames. `probeWeight` scales a probe
 * term's weight in the choice of candidates (the title's weight in the score).
 * One statement; reads the probe terms' postings and the candidates' own.
 */
export async function searchCandidates(
  db: Database,
  params: {
    excludeIssueId: string;
    query: ReadonlyMap<string, number>;
    probe: string[];
    probeWeight?: (term: string) => number;
    limit: number;
    withFrames: boolean;
  },
): Promise<IndexedCandidate[]> {
  if (params.probe.length === 0) return [];
  const terms = [...params.query.keys()];
  const scale = params.probeWeight ?? (() => 1);
  const probeWeights = params.probe.map((t) => (params.query.get(t) ?? 0) * scale(t));
  const result = await db.execute(sql`
    with probe as (select * from unnest(${textArray(params.probe)}, ${floatArray(probeWeights)}) as q(term, weight)),
    query as (select * from unnest(${textArray(terms)}, ${floatArray(terms.map((t) => params.query.get(t) ?? 0))}) as q(term, weight)),
    candidates as (
      select p.issue_id from probe q join issue_terms p on p.term = q.term
      where p.issue_id <> ${params.excludeIssueId}
      group by p.issue_id order by sum(p.weight * q.weight) desc, p.issue_id limit ${params.limit})
    select c.issue_id,
      coalesce(sum(p.weight * q.weight) filter (where p.term not like 't:%'), 0) as cosine,
      coalesce(sum(p.weight * q.weight) filter (where p.term like 't:%'), 0) as title_cosine,
      array_agg(p.term) as shared,
      i.status, i.first_seen, ${params.withFrames ? sql`d.frames` : sql`null::text[]`} as frames
    from candidates c
    join issue_terms p on p.issue_id = c.issue_id
    join query q on q.term = p.term
    join issues i on i.id = c.issue_id
    left join similarity_documents d on d.issue_id = c.issue_id
    group by c.issue_id, i.status, i.first_seen, d.frames`);
  return rowsOf<{
    issue_id: string;
    cosine: number | string;
    title_cosine: number | string;
    shared: string[];
    status: string;
    first_seen: Date | string;
    frames: string[] | null;
  }>(result).map((r) => ({
    issueId: r.issue_id,
    cosine: Number(r.cosine),
    titleCosine: Number(r.title_cosine),
    sharedTerms: r.shared,
    status: r.status,
    firstSeen: new Date(r.first_seen),
    ...(r.frames ? { frames: r.frames } : {}),
  }));
}

/** An issue's document: its stack terms, its title's words (`t:`), its frames and project. */
export type IssueDocument = {
  projectId: string;
  stack: TermVector;
  title: TermVector;
  frames: string[];
  /** The cross-project penalty the stack terms are weighted with (SimilarityOptions.projectSpread). */
  spread: number;
};

const isTitleTerm = (term: string) => term.startsWith("t:");

/**
 * Replaces an issue's document in the index: its old postings leave (their terms' frequencies and
 * project counts drop), the new ones are weighted with the statistics counting this issue
 * (TfIdfIndex.add's rule: stack and title each normalised on its own, the penalty on stack terms
 * only) and stored, and the issue is marked indexed even when it has no terms. Run it in a
 * transaction; terms are taken in order, so concurrent updates lock their rows in one order.
 */
export async function replaceIssueDocument(tx: Database, issueId: string, doc: IssueDocument): Promise<void> {
  const old = rowsOf<{ term: string }>(
    await tx.execute(sql`delete from issue_terms where issue_id = ${issueId} returning term`),
  )
    .map((r) => r.term)
    .sort();
  // The corpus row first: every index update takes it, so they run one after another from here and
  // cannot deadlock on the term counts below (a re-index's decrements used to run before it, and
  // wait for a transaction already waiting for them).
  const names = [...new Set([...doc.stack.keys(), ...doc.title.keys()])].sort();
  const delta = (names.length > 0 ? 1 : 0) - (old.length > 0 ? 1 : 0);
  const [corpus] = rowsOf<{ documents: number | string }>(
    await tx.execute(sql`
      insert into similarity_corpus (id, documents) values (1, ${Math.max(delta, 0)})
      on conflict (id) do update set documents = similarity_corpus.documents + ${delta}
      returning documents`),
  );
  const [previous] = rowsOf<{ project_id: string | null }>(
    await tx.execute(sql`select project_id from similarity_documents where issue_id = ${issueId}`),
  );
  if (old.length > 0) {
    const oldStack = old.filter((t) => !isTitleTerm(t));
    // A term leaves a project's count with the project's last issue holding it.
    await tx.execute(sql`
      with uncounted as (
        update similarity_term_projects set documents = documents - 1
        where project_id = ${previous?.project_id ?? null}
          and term in (select t from unnest(${textArray(oldStack)}) as t order by t)
        returning term, documents)
      update similarity_terms s set documents = s.documents - 1,
        projects = s.projects - (case when exists (select 1 from uncounted u where u.term = s.term and u.documents = 0) then 1 else 0 end)
      where s.term in (select t from unnest(${textArray(old)}) as t order by t)`);
    await tx.execute(sql`
      delete from similarity_term_projects where project_id = ${previous?.project_id ?? null}
        and term = any(${textArray(oldStack)}) and documents <= 0`);
  }
  await tx.execute(sql`
    insert into similarity_documents (issue_id, frames, project_id) values (${issueId}, ${textArray(doc.frames)}, ${doc.projectId})
    on conflict (issue_id) do update set frames = excluded.frames, project_id = excluded.project_id, indexed_at = now()`);
  if (names.length === 0) return;
  const stackNames = [...doc.stack.keys()].sort();
  const firstInProject = new Set(
    rowsOf<{ term: string; documents: number | string }>(
      await tx.execute(sql`
        insert into similarity_term_projects (term, project_id, documents)
        select t, ${doc.projectId}, 1 from unnest(${textArray(stackNames)}) as t order by t
        on conflict (term, project_id) do update set documents = similarity_term_projects.documents + 1
        returning term, documents`),
    )
      .filter((r) => Number(r.documents) === 1)
      .map((r) => r.term),
  );
  const added = names.map((t) => (firstInProject.has(t) ? 1 : 0));
  const counted = rowsOf<{ term: string; documents: number | string; projects: number | string }>(
    await tx.execute(sql`
      insert into similarity_terms (term, documents, projects)
      select t, 1, p from unnest(${textArray(names)}, ${`{${added.join(",")}}`}::int[]) as x(t, p) order by t
      on conflict (term) do update set documents = similarity_terms.documents + 1,
        projects = similarity_terms.projects + excluded.projects
      returning term, documents, projects`),
  );
  const stats = {
    documents: Number(corpus?.documents ?? 1),
    frequency: new Map(counted.map((r) => [r.term, Number(r.documents)])),
    projects: new Map(counted.map((r) => [r.term, Number(r.projects)])),
  } satisfies TermStatistics;
  const weights = new Map([
    ...documentWeights(doc.stack, { ...stats, spread: doc.spread }),
    ...documentWeights(doc.title, stats),
  ]);
  await tx.execute(sql`
    insert into issue_terms (issue_id, term, weight)
    select ${issueId}, t, w from unnest(${textArray(names)}, ${floatArray(names.map((t) => weights.get(t) ?? 0))}) as x(t, w)`);
}
