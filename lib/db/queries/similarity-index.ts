import { sql } from "drizzle-orm";
import type { SimilarCandidate } from "@/lib/analysis/rank-similar-issues";
import { documentWeights } from "@/lib/analysis/similar-issue-terms";
import type { TermVector } from "@/lib/analysis/similarity/stack-terms";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { textArray } from "./incident-evidence";

// The similar-issue index: issue_terms holds each indexed issue's postings, similarity_terms each
// term's document frequency and similarity_corpus the number of indexed issues, all kept here with
// each update, so a search reads only the postings of its own terms.

// One array literal is one parameter; `String(n)` of a float is a valid float8 literal.
const floatArray = (values: number[]) => sql`${`{${values.map(String).join(",")}}`}::float8[]`;

export type TermFrequencies = { documents: number; frequency: Map<string, number> };

/** The number of indexed issues and how many of them hold each of `terms` (absent: none). */
export async function readTermFrequencies(db: Database, terms: string[]): Promise<TermFrequencies> {
  const result = await db.execute(sql`
    select null as term, coalesce((select documents from similarity_corpus where id = 1), 0) as documents
    union all
    select term, documents from similarity_terms where term = any(${textArray(terms)}) and documents > 0`);
  const frequency = new Map<string, number>();
  let documents = 0;
  for (const row of rowsOf<{ term: string | null; documents: number | string }>(result)) {
    if (row.term === null) documents = Number(row.documents);
    else frequency.set(row.term, Number(row.documents));
  }
  return { documents, frequency };
}

export type IndexedCandidate = SimilarCandidate & { status: string; firstSeen: Date };

/**
 * Candidates for a query: the `limit` issues scoring highest over the `probe` terms' postings,
 * then each scored on every term it shares with the whole query (its exact cosine when `query`
 * is normalised), with its status, first seen and, when `withFrames`, its aligned frames.
 * One statement; reads the probe terms' postings and the candidates' own.
 */
export async function searchCandidates(
  db: Database,
  params: {
    excludeIssueId: string;
    query: ReadonlyMap<string, number>;
    probe: string[];
    limit: number;
    withFrames: boolean;
  },
): Promise<IndexedCandidate[]> {
  if (params.probe.length === 0) return [];
  const terms = [...params.query.keys()];
  const probeWeights = params.probe.map((t) => params.query.get(t) ?? 0);
  const result = await db.execute(sql`
    with probe as (select * from unnest(${textArray(params.probe)}, ${floatArray(probeWeights)}) as q(term, weight)),
    query as (select * from unnest(${textArray(terms)}, ${floatArray(terms.map((t) => params.query.get(t) ?? 0))}) as q(term, weight)),
    candidates as (
      select p.issue_id from probe q join issue_terms p on p.term = q.term
      where p.issue_id <> ${params.excludeIssueId}
      group by p.issue_id order by sum(p.weight * q.weight) desc, p.issue_id limit ${params.limit})
    select c.issue_id, sum(p.weight * q.weight) as cosine, array_agg(p.term) as shared,
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
    shared: string[];
    status: string;
    first_seen: Date | string;
    frames: string[] | null;
  }>(result).map((r) => ({
    issueId: r.issue_id,
    cosine: Number(r.cosine),
    sharedTerms: r.shared,
    status: r.status,
    firstSeen: new Date(r.first_seen),
    ...(r.frames ? { frames: r.frames } : {}),
  }));
}

/**
 * Replaces an issue's document in the index: its old postings leave (their terms' frequencies
 * drop), the new ones are weighted with the frequencies counting this issue (TfIdfIndex.add's
 * rule) and stored, and the issue is marked indexed even when it has no terms. Run it in a
 * transaction; terms are taken in order, so concurrent updates lock their rows in one order.
 */
export async function replaceIssueDocument(
  tx: Database,
  issueId: string,
  terms: TermVector,
  frames: string[],
): Promise<void> {
  const old = rowsOf<{ term: string }>(
    await tx.execute(sql`delete from issue_terms where issue_id = ${issueId} returning term`),
  ).map((r) => r.term);
  if (old.length > 0) {
    await tx.execute(sql`
      update similarity_terms set documents = documents - 1
      where term in (select t from unnest(${textArray(old.sort())}) as t order by t)`);
  }
  await tx.execute(sql`
    insert into similarity_documents (issue_id, frames) values (${issueId}, ${textArray(frames)})
    on conflict (issue_id) do update set frames = excluded.frames, indexed_at = now()`);
  const delta = (terms.size > 0 ? 1 : 0) - (old.length > 0 ? 1 : 0);
  const [corpus] = rowsOf<{ documents: number | string }>(
    await tx.execute(sql`
      insert into similarity_corpus (id, documents) values (1, ${Math.max(delta, 0)})
      on conflict (id) do update set documents = similarity_corpus.documents + ${delta}
      returning documents`),
  );
  if (terms.size === 0) return;
  const names = [...terms.keys()].sort();
  const counted = rowsOf<{ term: string; documents: number | string }>(
    await tx.execute(sql`
      insert into similarity_terms (term, documents)
      select t, 1 from unnest(${textArray(names)}) as t order by t
      on conflict (term) do update set documents = similarity_terms.documents + 1
      returning term, documents`),
  );
  const frequency = new Map(counted.map((r) => [r.term, Number(r.documents)]));
  const weights = documentWeights(terms, Number(corpus?.documents ?? 1), frequency);
  await tx.execute(sql`
    insert into issue_terms (issue_id, term, weight)
    select ${issueId}, t, w from unnest(${textArray(names)}, ${floatArray(names.map((t) => weights.get(t) ?? 0))}) as x(t, w)`);
}
