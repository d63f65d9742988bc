import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issueSearchGrams, issueSearchTexts } from "../schema";

/**
 * Up to this many issues that may match, the list's search starts from them (the indexes of
 * issue_search_grams and issue_search_texts); past it, from the newest issues, where the first
 * page's matches come soon. Starting from 500 candidates and from the newest issues cost about the
 * same on a seeded 20,000-issue database (tens of milliseconds), and the first grows with the
 * matches while the second grows with the issues walked.
 */
export const FEW_SEARCH_CANDIDATES = 500;

/** Issues with a stored event whose message or exception value has the words of `q`. */
export const issuesWithWords = (q: string): SQL =>
  sql`select ${issueSearchTexts.issueId} from ${issueSearchTexts}
    where ${issueSearchTexts.words} @@ websearch_to_tsquery('simple', ${q})`;

/** The literal `q` as an ILIKE pattern: % and _ match themselves. */
export const substringPattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// A string shorter than three letters has no piece to look up: every issue would be a candidate.
const hasPieces = (q: string) => [...q].length >= 3;

/**
 * The issues that match `q` (as issueListConditions' search does), found from the indexes: those
 * holding every three-letter piece of it, checked by ILIKE, and those with its words. Null when
 * `q` is too short to have pieces.
 */
export function searchMatchesFromIndexes(q: string): SQL | null {
  if (!hasPieces(q)) return null;
  const pattern = substringPattern(q);
  return sql`select g.issue_id from ${issueSearchGrams} g join issues s on s.id = g.issue_id
      where g.grams @> sift_search_grams(${q})
        and (s.title ilike ${pattern} or s.culprit ilike ${pattern} or s.short_id ilike ${pattern})
    union all ${issuesWithWords(q)}`;
}

/** Whether few enough issues may match `q` for the search to start from them (see FEW_SEARCH_CANDIDATES). */
export async function hasFewSearchCandidates(db: Database, q: string): Promise<boolean> {
  if (!hasPieces(q)) return false;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (
      select ${issueSearchGrams.issueId} from ${issueSearchGrams} where ${issueSearchGrams.grams} @> sift_search_grams(${q})
      union all ${issuesWithWords(q)}
      limit ${FEW_SEARCH_CANDIDATES + 1}) c`),
  );
  return (row?.n ?? 0) <= FEW_SEARCH_CANDIDATES;
}
