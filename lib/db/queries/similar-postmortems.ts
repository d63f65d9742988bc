import { sql } from "drizzle-orm";
import {
  type PostmortemWhy,
  postmortemWhy,
  rankSimilarPostmortems,
} from "@/lib/analysis/rank-similar-postmortems";
import type { TermVector } from "@/lib/analysis/similarity/stack-terms";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { textArray } from "../text-array";

export type SimilarPostmortemRow = {
  id: number;
  title: string;
  occurredOn: string | null;
  createdAt: Date;
  score: number;
  /** The shared terms, heaviest in the score first (`e:`, `n:`, `p:`, `s:`, `w:`, `i:`). */
  sharedTerms: string[];
  why: PostmortemWhy;
};

// Post-mortems are few (one per serious fire), so each lookup weighs their terms with the IDF of
// the moment rather than keeping stored weights current: an upload counts at once.
const CANDIDATES = 50;

/**
 * The post-mortems most like an issue's terms (lib/analysis/postmortem-terms.ts), best first:
 * those sharing a term with it, with every term they hold and each term's document frequency,
 * read in one statement and ranked by rankSimilarPostmortems.
 */
export async function listSimilarPostmortems(
  db: Database,
  query: TermVector,
  limit: number,
): Promise<SimilarPostmortemRow[]> {
  if (query.size === 0) return [];
  const result = await db.execute(sql`
    with candidates as (
      select postmortem_id from postmortem_terms where term = any(${textArray([...query.keys()])})
      group by postmortem_id order by sum(tf) desc, postmortem_id limit ${CANDIDATES})
    select p.id, p.title, p.occurred_on::text as occurred_on, p.created_at,
      (select count(*) from postmortems) as documents,
      array_agg(t.term order by t.term) as terms, array_agg(t.tf order by t.term) as tfs,
      array_agg((select count(*) from postmortem_terms f where f.term = t.term) order by t.term) as dfs
    from candidates c
    join postmortems p on p.id = c.postmortem_id
    join postmortem_terms t on t.postmortem_id = c.postmortem_id
    group by p.id`);
  const rows = rowsOf<{
    id: number | string;
    title: string;
    occurred_on: string | null;
    created_at: Date | string;
    documents: number | string;
    terms: string[];
    tfs: (number | string)[];
    dfs: (number | string)[];
  }>(result);
  const frequency = new Map<string, number>();
  for (const row of rows) {
    for (const [i, term] of row.terms.entries()) frequency.set(term, Number(row.dfs[i]));
  }
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  const candidates = rows.map((row) => ({
    postmortemId: Number(row.id),
    terms: new Map(row.terms.map((term, i) => [term, Number(row.tfs[i])])),
  }));
  const documents = Number(rows[0]?.documents ?? 0);
  return rankSimilarPostmortems(query, candidates, documents, frequency, limit).flatMap((match) => {
    const row = byId.get(match.postmortemId);
    if (!row) return [];
    return [
      {
        id: match.postmortemId,
        title: row.title,
        occurredOn: row.occurred_on,
        createdAt: new Date(row.created_at),
        score: match.score,
        sharedTerms: match.sharedTerms,
        why: postmortemWhy(match.sharedTerms),
      },
    ];
  });
}
