import type { IssueLink } from "./types";

/** A triager's correction that grouping must respect: these two issues are never in one incident. */
export type KeptApart = { a: string; b: string };

/**
 * Groups issues into incidents: links are joined strongest first (manual merges, then shared
 * traces, then bursts), and a join that would put two issues a triager kept apart into one group
 * is skipped, so a split holds however the evidence grows. Returns every group of two or more, each
 * sorted, in order of their smallest id. O(links log links + issues × kept-apart).
 */
export function groupIssues(issueIds: string[], links: IssueLink[], keptApart: KeptApart[] = []): string[][] {
  const parent = new Map<string, string>();
  const members = new Map<string, Set<string>>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  const add = (id: string) => {
    if (parent.has(id)) return;
    parent.set(id, id);
    members.set(id, new Set([id]));
  };
  for (const id of issueIds) add(id);
  const apart = new Map<string, Set<string>>();
  for (const { a, b } of keptApart) {
    if (!apart.has(a)) apart.set(a, new Set());
    if (!apart.has(b)) apart.set(b, new Set());
    apart.get(a)?.add(b);
    apart.get(b)?.add(a);
  }
  const conflicts = (x: Set<string>, y: Set<string>) => {
    const [small, large] = x.size <= y.size ? [x, y] : [y, x];
    for (const id of small) for (const other of apart.get(id) ?? []) if (large.has(other)) return true;
    return false;
  };
  const ordered = [...links].sort((l, m) => m.strength - l.strength || (l.a + l.b < m.a + m.b ? -1 : 1));
  for (const link of ordered) {
    add(link.a);
    add(link.b);
    const ra = find(link.a);
    const rb = find(link.b);
    if (ra === rb) continue;
    const ma = members.get(ra) as Set<string>;
    const mb = members.get(rb) as Set<string>;
    if (conflicts(ma, mb)) continue;
    const [keep, drop] = ma.size >= mb.size ? [ra, rb] : [rb, ra];
    parent.set(drop, keep);
    for (const id of members.get(drop) as Set<string>) members.get(keep)?.add(id);
    members.delete(drop);
  }
  return [...members.values()]
    .filter((group) => group.size > 1)
    .map((group) => [...group].sort())
    .sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1));
}
