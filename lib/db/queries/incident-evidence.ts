import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { IncidentIssueFacts, IssueLink } from "@/lib/analysis/types";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issueLinks } from "../schema";
import { textArray } from "../text-array";

/**
 * Records when the releases in this issue's earliest and newest events were first seen (the earliest
 * of what is stored wins), so grouping can tell a new release from an old one.
 */
export async function recordReleasesOf(db: Database, issueId: string): Promise<void> {
  await db.execute(sql`
    insert into releases (project_id, version, first_seen)
    with issue as (select first_seen, last_seen from issues where id = ${issueId})
    select project_id, release, min(occurred_at) from (
      (select project_id, release, occurred_at from events where issue_id = ${issueId} and release is not null
        and occurred_at between (select first_seen from issue) and (select last_seen from issue) order by occurred_at, id limit 50)
      union all
      (select project_id, release, occurred_at from events where issue_id = ${issueId} and release is not null
        and occurred_at between (select first_seen from issue) and (select last_seen from issue) order by occurred_at desc, id desc limit 50)) e
    group by project_id, release
    on conflict (project_id, version) do update set first_seen = least(releases.first_seen, excluded.first_seen)`);
}

/** Bounds on what grouping reads of one issue, so a huge issue costs as much as a small one. */
export const FACT_LIMITS = { traces: 300, tenants: 200, moments: 300 };

/**
 * What grouping knows of each issue: its platform and first seen, the release of its earliest
 * stored event when that release was new then (first seen at most `newReleaseSeconds` before the
 * issue, replacing an older release of its project), its tenants, and the earliest event in each trace among its newest events.
 */
export async function loadIncidentFacts(
  db: Database,
  issueIds: string[],
  options: { newReleaseSeconds: number },
): Promise<IncidentIssueFacts[]> {
  if (issueIds.length === 0) return [];
  const ids = textArray(issueIds);
  // One after another: inside a transaction they share one connection anyway.
  const issueRows = await db.execute(sql`
      select i.id, i.project_id, i.platform, i.title, extract(epoch from i.first_seen) * 1000 as first_seen,
        (select r.version from (
            -- The earliest events only (an index range): a hot issue whose first events carry no new
            -- release must not be scanned to the end looking for one.
            select project_id, release, occurred_at, id from events
            where issue_id = i.id and occurred_at between i.first_seen and i.last_seen and release is not null
            order by occurred_at, id limit 50) e
          join releases r on r.project_id = e.project_id and r.version = e.release
          where r.first_seen >= i.first_seen - make_interval(secs => ${options.newReleaseSeconds})
            -- A deploy replaces a release Sift saw before; the first releases after install are not news.
            and exists (select from releases older where older.project_id = r.project_id
              and older.first_seen < r.first_seen)
          order by e.occurred_at, e.id limit 1) as release
      from issues i where i.id = any(${ids})`);
  const traceRows = await db.execute(sql`
      select i.id, e.trace_id, extract(epoch from min(e.occurred_at)) * 1000 as first_at
      from issues i
      cross join lateral (select trace_id, occurred_at from events
        where issue_id = i.id and occurred_at between i.first_seen and i.last_seen and trace_id is not null
        order by occurred_at desc, id desc limit ${FACT_LIMITS.traces}) e
      where i.id = any(${ids})
      group by i.id, e.trace_id`);
  const tenantRows = await db.execute(sql`
      select i.id, t.tenant_id from unnest(${ids}) as i(id)
      cross join lateral (select tenant_id from issue_tenants where issue_id = i.id limit ${FACT_LIMITS.tenants}) t`);
  const momentRows = await db.execute(sql`
    select i.id, e.user_id, extract(epoch from e.occurred_at) * 1000 as at
    from issues i
    cross join lateral (select user_id, occurred_at from events
      where issue_id = i.id and occurred_at between i.first_seen and i.last_seen and user_id is not null
      order by occurred_at desc, id desc limit ${FACT_LIMITS.moments}) e
    where i.id = any(${ids})`);
  const facts = new Map<string, IncidentIssueFacts>();
  for (const r of rowsOf<{
    id: string;
    project_id: string;
    platform: string | null;
    title: string;
    first_seen: number | string;
    release: string | null;
  }>(issueRows)) {
    facts.set(r.id, {
      id: r.id,
      projectId: r.project_id,
      platform: r.platform,
      title: r.title,
      firstSeen: Math.round(Number(r.first_seen)),
      releases: r.release ? [r.release] : [],
      tenants: [],
      traces: [],
      moments: [],
    });
  }
  for (const r of rowsOf<{ id: string; trace_id: string; first_at: number | string }>(traceRows)) {
    facts.get(r.id)?.traces.push({ traceId: r.trace_id, firstAt: Math.round(Number(r.first_at)) });
  }
  for (const r of rowsOf<{ id: string; tenant_id: string }>(tenantRows))
    facts.get(r.id)?.tenants.push(r.tenant_id);
  for (const r of rowsOf<{ id: string; user_id: string; at: number | string }>(momentRows)) {
    facts.get(r.id)?.moments.push({ user: r.user_id, at: Math.round(Number(r.at)) });
  }
  return issueIds.flatMap((id) => facts.get(id) ?? []);
}

/**
 * Issues that may be linked to this one: those with events in its traces, and those first seen
 * within `windowSeconds` of it (nearest first), in the same Sentry organisation (a public
 * integration serves several, and one's fire is never another's). At most `limit` of each.
 */
export async function findLinkCandidates(
  db: Database,
  issue: IncidentIssueFacts,
  options: { windowSeconds: number; limit: number },
): Promise<string[]> {
  const traceIds = issue.traces.map((t) => t.traceId);
  const firstSeen = new Date(issue.firstSeen).toISOString();
  const sameOrg = sql`p.org_slug is not distinct from (select org_slug from projects where id = ${issue.projectId})`;
  const byTrace =
    traceIds.length === 0
      ? { rows: [] }
      : await db.execute(sql`
          select distinct e.issue_id as id from events e join projects p on p.id = e.project_id
          where e.trace_id = any(${textArray(traceIds)}) and e.issue_id <> ${issue.id} and ${sameOrg}
          limit ${options.limit}`);
  const byTime = await db.execute(sql`
      select i.id from issues i join projects p on p.id = i.project_id
      where i.first_seen between ${firstSeen}::timestamptz - make_interval(secs => ${options.windowSeconds})
        and ${firstSeen}::timestamptz + make_interval(secs => ${options.windowSeconds}) and i.id <> ${issue.id}
        and ${sameOrg}
      order by abs(extract(epoch from i.first_seen - ${firstSeen}::timestamptz)) limit ${options.limit}`);
  const ids = [...rowsOf<{ id: string }>(byTrace), ...rowsOf<{ id: string }>(byTime)].map((r) => r.id);
  return [...new Set(ids)];
}

/**
 * Replaces what the grouping job found for this issue with `links` (each must name it). Returns
 * whether the set of linked pairs changed (new evidence on the same pairs does not change it).
 */
export async function replaceAutoLinks(db: Database, issueId: string, links: IssueLink[]): Promise<boolean> {
  const before = await db
    .select({ a: issueLinks.issueA, b: issueLinks.issueB })
    .from(issueLinks)
    .where(
      and(eq(issueLinks.source, "auto"), or(eq(issueLinks.issueA, issueId), eq(issueLinks.issueB, issueId))),
    );
  const pairs = (rows: { a: string; b: string }[]) =>
    rows
      .map((r) => `${r.a}|${r.b}`)
      .sort()
      .join(",");
  const changed = pairs(before) !== pairs(links);
  await db
    .delete(issueLinks)
    .where(
      and(eq(issueLinks.source, "auto"), or(eq(issueLinks.issueA, issueId), eq(issueLinks.issueB, issueId))),
    );
  if (links.length === 0) return changed;
  // The grouping jobs of both issues of a pair may run at once (worker concurrency, several
  // workers): each deletes its own links, then both write the same pair. The later one updates it.
  await db
    .insert(issueLinks)
    .values(
      links.map((l) => ({
        issueA: l.a,
        issueB: l.b,
        source: "auto" as const,
        strength: Math.round(l.strength * 100),
        evidence: l.evidence,
      })),
    )
    .onConflictDoUpdate({
      target: [issueLinks.issueA, issueLinks.issueB, issueLinks.source],
      set: {
        strength: sql`excluded.strength_pct`,
        evidence: sql`excluded.evidence`,
        updatedAt: sql`now()`,
      },
    });
  return changed;
}

/** A triager's merge ("manual") or split ("apart") between two issues; any older one between them goes. */
export async function setManualLink(
  db: Database,
  pair: { a: string; b: string },
  source: "manual" | "apart",
  by: string,
): Promise<void> {
  const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
  await db
    .delete(issueLinks)
    .where(
      and(
        eq(issueLinks.issueA, a),
        eq(issueLinks.issueB, b),
        inArray(issueLinks.source, ["manual", "apart"]),
      ),
    );
  await db.insert(issueLinks).values({
    issueA: a,
    issueB: b,
    source,
    // A merge outranks any evidence; a split carries none.
    strength: source === "manual" ? 1000 : 0,
    evidence: source === "manual" ? [{ kind: "manual", by }] : [],
  });
}

export type LinkClosure = { issueIds: string[]; links: IssueLink[]; apart: { a: string; b: string }[] };

/**
 * Every issue reachable from `seeds` over links (merges and evidence), plus the other members of
 * the incidents those issues are in now, so a group that lost its link is regrouped too. Stops
 * growing at `cap` issues: a cascade larger than that is grouped in parts.
 */
export async function loadLinkClosure(db: Database, seeds: string[], cap: number): Promise<LinkClosure> {
  const seen = new Set(seeds);
  const links = new Map<string, IssueLink>();
  const apart: { a: string; b: string }[] = [];
  let frontier = [...seeds];
  while (frontier.length > 0 && seen.size < cap) {
    const rows = await db
      .select()
      .from(issueLinks)
      .where(or(inArray(issueLinks.issueA, frontier), inArray(issueLinks.issueB, frontier)));
    const members = rowsOf<{ issue_id: string }>(
      await db.execute(sql`
        select m.issue_id from incident_issues m
        where m.incident_id in (select incident_id from incident_issues where issue_id = any(${textArray(frontier)}))`),
    );
    const next: string[] = [];
    const reach = (id: string) => {
      if (seen.has(id) || seen.size >= cap) return;
      seen.add(id);
      next.push(id);
    };
    for (const row of rows) {
      const key = `${row.issueA}|${row.issueB}|${row.source}`;
      if (links.has(key)) continue;
      if (row.source === "apart") {
        links.set(key, { a: row.issueA, b: row.issueB, strength: 0, evidence: [] });
        apart.push({ a: row.issueA, b: row.issueB });
        continue;
      }
      links.set(key, { a: row.issueA, b: row.issueB, strength: row.strength / 100, evidence: row.evidence });
      reach(row.issueA);
      reach(row.issueB);
    }
    for (const m of members) reach(m.issue_id);
    frontier = next;
  }
  const inClosure = (l: { a: string; b: string }) => seen.has(l.a) && seen.has(l.b);
  return {
    issueIds: [...seen],
    links: [...links.values()].filter((l) => l.strength > 0 && inClosure(l)),
    apart: apart.filter(inClosure),
  };
}

/** The links grouping found for one issue, with their evidence (for evaluation and diagnosis). */
export async function listAutoLinksOf(db: Database, issueId: string): Promise<IssueLink[]> {
  const rows = await db
    .select()
    .from(issueLinks)
    .where(
      and(eq(issueLinks.source, "auto"), or(eq(issueLinks.issueA, issueId), eq(issueLinks.issueB, issueId))),
    );
  return rows.map((r) => ({ a: r.issueA, b: r.issueB, strength: r.strength / 100, evidence: r.evidence }));
}
