import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issueSearchGrams, issueSearchTexts } from "../schema";

/**
 * Up to this many issues that may match, the list's search starts from them (the indexes of
 * issue_search_grams and issue_search_texts); past it, from the newest issues, where the first
 * page's matches come soon. Starting from the candidates costs in proportion to them (on a seeded
 * 20,000-issue database 44–137 ms for 1,400–2,900 of them, against 10–70 ms from the newest
 * issues), so the bound sits well below where the two met; it was set, not tuned.
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

/** Rows `g` of issue_search_grams whose issue's title, culprit and short id hold every piece of `q`. */
const holdsPieces = (q: string): SQL => sql`g.grams @> sift_search_grams(${q})`;

/**
 * The issues that match `q` (as issueListConditions' search does), found from the indexes: those
 * holding every three-letter piece of it, checked by ILIKE, and those with its words. Null when
 * `q` is too short to have pieces.
 */
export function searchMatchesFromIndexes(q: string): SQL | null {
  if (!hasPieces(q)) return null;
  const pattern = substringPattern(q);
  return sql`select g.issue_id from ${issueSearchGrams} g join issues s on s.id = g.issue_id
      where ${holdsPieces(q)}
        and (s.title ilike ${pattern} or s.culprit ilike ${pattern} or s.short_id ilike ${pattern})
    union all ${issuesWithWords(q)}`;
}

/** Whether few enough issues may match `q` for the search to start from them (see FEW_SEARCH_CANDIDATES). */
export async function hasFewSearchCandidates(db: Database, q: string): Promise<boolean> {
  if (!hasPieces(q)) return false;
  const [row] = rowsOf<{ n: number }>(
    // Words first: a UNION ALL under a LIMIT stops at the first branch that reaches it, and the
    // words' index answers a common term ~3× sooner than the intersection of its three-letter
    // pieces' lists (1M events: 4 against 12 ms for "timed out", 7,042 issues either way).
    await db.execute(sql`select count(*)::int as n from (
      ${issuesWithWords(q)}
      union all select g.issue_id from ${issueSearchGrams} g where ${holdsPieces(q)}
      limit ${FEW_SEARCH_CANDIDATES + 1}) c`),
  );
  return (row?.n ?? 0) <= FEW_SEARCH_CANDIDATES;
}
