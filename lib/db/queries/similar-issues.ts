import { sql } from "drizzle-orm";
import type { SimilarIssueWhy } from "@/lib/analysis/types";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { textArray } from "../text-array";

export type SimilarPair = {
  issueId: string;
  similarId: string;
  score: number;
  why: SimilarIssueWhy;
  duplicate: boolean;
};

/**
 * Stores an issue's top matches in place of its earlier ones, and adds it to each match's own list
 * (`reverse`: the same pairs seen from the match), each list then trimmed to its best `keep`. So an
 * older issue learns of a newer one like it without being indexed again.
 */
export async function replaceSimilarIssues(
  tx: Database,
  issueId: string,
  pairs: { forward: SimilarPair[]; reverse: SimilarPair[] },
  keep: number,
): Promise<void> {
  await tx.execute(sql`delete from similar_issues where issue_id = ${issueId}`);
  const rows = [...pairs.forward, ...pairs.reverse];
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into similar_issues (issue_id, similar_id, score, why, duplicate)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("issueId" text, "similarId" text, score float8, why jsonb, duplicate boolean)
    order by 1, 2
    on conflict (issue_id, similar_id) do update
      set score = excluded.score, why = excluded.why, duplicate = excluded.duplicate, computed_at = now()`);
  if (pairs.reverse.length === 0) return;
  await tx.execute(sql`
    delete from similar_issues s using (
      select issue_id, similar_id, row_number() over (partition by issue_id order by score desc, similar_id) as rank
      from similar_issues where issue_id = any(${textArray(pairs.reverse.map((p) => p.issueId))})) r
    where s.issue_id = r.issue_id and s.similar_id = r.similar_id and r.rank > ${keep}`);
}

export type SimilarIssueRow = {
  issueId: string;
  title: string;
  projectId: string;
  /** The project's slug as Sentry last sent it; null while unknown. */
  projectSlug: string | null;
  status: string;
  score: number;
  why: SimilarIssueWhy;
  /** Flagged when stored, and both issues are still unresolved now. */
  duplicate: boolean;
  resolvedAt: Date | null;
  resolvedInRelease: string | null;
  /** The team's newest comment on it in Sentry (Sift's own left out), if any. */
  note: string | null;
  /** The newest post-mortem that names it (by short id or id), if any. */
  postmortem: { id: number; title: string } | null;
};

export type SimilarIssues = {
  /** When the issue was last indexed; null while it never was (its analysis or indexing pending). */
  indexedAt: Date | null;
  /** Best first. */
  items: SimilarIssueRow[];
};

/** The issue's stored matches, best first, with how each was resolved: at most `limit` rows. */
export async function listSimilarIssues(
  db: Database,
  issueId: string,
  limit: number,
): Promise<SimilarIssues> {
  const result = await db.execute(sql`
    select s.similar_id, o.title, o.project_id, op.slug as project_slug, o.status, s.score, s.why,
      s.duplicate and o.status = 'unresolved' and me.status = 'unresolved' as duplicate,
      o.resolved_at, o.resolved_in_release,
      (select c.text from issue_comments c
        where c.issue_id = o.id and c.deleted_at is null and not c.own and c.text is not null
        order by c.created_at desc, c.comment_id desc limit 1) as note,
      (select d.indexed_at from similarity_documents d where d.issue_id = ${issueId}) as indexed_at,
      pm.id as postmortem_id, pm.title as postmortem_title
    from (select ${issueId}::text as id) self
    join issues me on me.id = self.id
    left join similar_issues s on s.issue_id = self.id
    left join issues o on o.id = s.similar_id
    left join projects op on op.id = o.project_id
    left join lateral (
      select p.id, p.title from postmortem_terms t join postmortems p on p.id = t.postmortem_id
      where o.id is not null and t.term in ('i:' || o.id, 'i:' || o.short_id)
      order by p.occurred_on desc nulls last, p.id desc limit 1) pm on true
    order by s.score desc nulls last, s.similar_id
    limit ${limit}`);
  const rows = rowsOf<{
    similar_id: string | null;
    title: string;
    project_id: string;
    project_slug: string | null;
    status: string;
    score: number | string;
    why: SimilarIssueWhy;
    duplicate: boolean;
    resolved_at: Date | string | null;
    resolved_in_release: string | null;
    note: string | null;
    indexed_at: Date | string | null;
    postmortem_id: number | string | null;
    postmortem_title: string | null;
  }>(result);
  const indexedAt = rows[0]?.indexed_at;
  return {
    indexedAt: indexedAt ? new Date(indexedAt) : null,
    items: rows
      .filter((r) => r.similar_id !== null)
      .map((r) => ({
        issueId: r.similar_id ?? "",
        title: r.title,
        projectId: r.project_id,
        projectSlug: r.project_slug,
        status: r.status,
        score: Number(r.score),
        why: r.why,
        duplicate: Boolean(r.duplicate),
        resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
        resolvedInRelease: r.resolved_in_release,
        note: r.note,
        postmortem:
          r.postmortem_id !== null ? { id: Number(r.postmortem_id), title: r.postmortem_title ?? "" } : null,
      })),
  };
}
