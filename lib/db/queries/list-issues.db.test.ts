import { and, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { issues } from "../schema";
import { insertAnalysis } from "./analyses";
import { insertEventsBulk } from "./bulk-load";
import { insertEvent, type NewEvent } from "./events";
import { createIncident, setIncidentMembers } from "./incidents";
import { issueListConditions } from "./issue-list-conditions";
import { upsertIssue } from "./issues";
import { type IssueFilter, listIssues } from "./list-issues";
import { upsertProject } from "./projects";
import { rebuildIssueRollups } from "./rollups";
import { hasFewSearchCandidates } from "./search-candidates";
import { hasFewUserIssues } from "./user-issues";

// The list's filters beyond status/category/priority/project (issues.db.test.ts), each checked
// against a set where it must keep some issues and drop others, and the tenants sort's paging.

const base = Date.UTC(2026, 10, 1, 12);
const HOUR = 3_600_000;

let n = 0;
async function event(db: Database, issueId: string, fields: Partial<NewEvent> = {}) {
  n += 1;
  await insertEvent(db, {
    id: n.toString(16).padStart(32, "0"),
    issueId,
    projectId: "1",
    // At the issue's last seen (seed): a later event would move the issue's last seen, and its place.
    occurredAt: new Date(base - (Number(issueId) - 100) * HOUR),
    tags: {},
    frames: [],
    ...fields,
  });
}

/** Issue 100+i, last seen i hours before `base`; level alternates error / warning. */
async function seed(db: Database, count: number) {
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  for (let i = 0; i < count; i++) {
    const seen = new Date(base - i * HOUR);
    await upsertIssue(db, {
      id: String(100 + i),
      shortId: `WEB-${i}`,
      projectId: "1",
      title: `Error number ${i}`,
      culprit: i === 2 ? "app/checkout/PayButton.tsx in onClick" : null,
      level: i % 2 === 0 ? "error" : "warning",
      firstSeen: seen,
      lastSeen: seen,
    });
  }
}

async function ids(db: Database, filter: Omit<IssueFilter, "limit">): Promise<string[]> {
  const page = await listIssues(db, { limit: 50, ...filter });
  if ("badCursor" in page) throw new Error("bad cursor");
  return page.items.map((item) => item.id);
}

async function allPages(db: Database, filter: Omit<IssueFilter, "limit" | "cursor">, limit: number) {
  const seen: Awaited<ReturnType<typeof listIssues>> extends infer R
    ? R extends { items: infer I }
      ? I
      : never
    : never = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await listIssues(db, { ...filter, limit, cursor });
    if ("badCursor" in result) throw new Error("bad cursor");
    seen.push(...result.items);
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
  }
  throw new Error("more pages than issues");
}

describeOnEachDatabase("listIssues filters", (db) => {
  it("filters by level and by when last seen (a period, or a custom range: start in, end out)", async () => {
    await seed(db(), 6);
    expect(await ids(db(), { level: "warning" })).toEqual(["101", "103", "105"]);
    expect(await ids(db(), { seenAfter: new Date(base - 2 * HOUR) })).toEqual(["100", "101", "102"]);
    expect(
      await ids(db(), { seenAfter: new Date(base - 4 * HOUR), seenBefore: new Date(base - 1 * HOUR) }),
    ).toEqual(["102", "103", "104"]);
    expect(await ids(db(), { level: "error", seenAfter: new Date(base - 3 * HOUR) })).toEqual(["100", "102"]);
  });

  it("filters by environment, release, tenant and user of the issue's stored events", async () => {
    await seed(db(), 5);
    await event(db(), "100", { environment: "production", release: "checkout@3.1.0", tenantId: "acme" });
    await event(db(), "100", { environment: "staging", userId: "u-1" });
    await event(db(), "101", { environment: "staging", release: "checkout@3.2.0", userId: "u-1" });
    await event(db(), "102", { environment: "production", tenantId: "globex", userId: "u-2" });
    expect(await ids(db(), { environment: "production" })).toEqual(["100", "102"]);
    expect(await ids(db(), { environment: "staging" })).toEqual(["100", "101"]);
    expect(await ids(db(), { release: "checkout@3.2.0" })).toEqual(["101"]);
    expect(await ids(db(), { tenant: "acme" })).toEqual(["100"]);
    expect(await ids(db(), { user: "u-1" })).toEqual(["100", "101"]);
    expect(await ids(db(), { user: "u-1", environment: "production" })).toEqual(["100"]);
    expect(await ids(db(), { environment: "dev" })).toEqual([]);
  });

  it("finds the same page of a user's issues whether it starts from them or probes issue after issue", async () => {
    await seed(db(), 6);
    for (const issueId of ["100", "102", "103", "105"]) await event(db(), issueId, { userId: "u-7" });
    await event(db(), "101", { userId: "u-8" });
    for (const userIssuesFirst of [true, false]) {
      const page = async (cursorAfter?: string) =>
        (
          await db()
            .select({ id: issues.id })
            .from(issues)
            .where(
              and(
                ...issueListConditions({ user: "u-7" }, { userIssuesFirst }),
                cursorAfter ? sql`${issues.id}::numeric > ${cursorAfter}::numeric` : undefined,
              ),
            )
            .orderBy(issues.id)
            .limit(3)
        ).map((row) => row.id);
      expect(await page(), `userIssuesFirst ${userIssuesFirst}`).toEqual(["100", "102", "103"]);
      expect(await page("103"), `userIssuesFirst ${userIssuesFirst}`).toEqual(["105"]);
    }
    expect(await ids(db(), { user: "u-7" })).toEqual(["100", "102", "103", "105"]);
    expect(await hasFewUserIssues(db(), "u-7")).toBe(true);
    expect(await hasFewUserIssues(db(), "u-7", 3)).toBe(false);
    expect(await hasFewUserIssues(db(), "u-7", 4)).toBe(true);
    expect(await hasFewUserIssues(db(), "nobody")).toBe(true);
  });

  it("filters by the owner of each issue's newest analysis, and by incident", async () => {
    await seed(db(), 4);
    const analyse = (issueId: string, owner: string) =>
      insertAnalysis(db(), {
        issueId,
        analyserVersion: "3",
        summary: "s",
        owner: { owner, source: "ownership_rule", rule: null },
        blastRadius: { events: 0, users: 0, tenants: 0, topTenants: [], roles: [] },
        inAppFrames: [],
      });
    await analyse("100", "#payments");
    await analyse("101", "#payments");
    await analyse("101", "#frontend"); // re-owned: the newest analysis decides
    await analyse("102", "#frontend");
    expect(await ids(db(), { owner: "#payments" })).toEqual(["100"]);
    expect(await ids(db(), { owner: "#frontend" })).toEqual(["101", "102"]);

    const root = { issueId: "102", confidence: 0.9, reasons: [], pinned: false };
    const incident = await createIncident(db(), root, "Checkout down");
    await setIncidentMembers(db(), incident, ["102", "103"], root, "Checkout down");
    const other = await createIncident(db(), { ...root, issueId: "100" }, "Other");
    await setIncidentMembers(db(), other, ["100"], { ...root, issueId: "100" }, "Other");
    expect(await ids(db(), { incident: String(incident) })).toEqual(["102", "103"]);
    expect(await ids(db(), { incident: "999999" })).toEqual([]);
  });

  it("searches short id, title and culprit as literal substrings, and the words of events' messages", async () => {
    await seed(db(), 4);
    await event(db(), "101", { message: "Connection refused by db-primary:5432" });
    await event(db(), "103", { exceptionType: "ValueError", exceptionValue: "order 4711 not found" });
    expect(await ids(db(), { q: "PayButton" })).toEqual(["102"]);
    expect(await ids(db(), { q: "web-3" })).toEqual(["103"]);
    expect(await ids(db(), { q: "refused" })).toEqual(["101"]);
    expect(await ids(db(), { q: "4711" })).toEqual(["103"]);
    // Words, not substrings, in messages; a phrase keeps its order.
    expect(await ids(db(), { q: "refuse" })).toEqual([]);
    expect(await ids(db(), { q: '"not found"' })).toEqual(["103"]);
    expect(await ids(db(), { q: '"found not"' })).toEqual([]);
    // Search syntax that would be an error in to_tsquery matches nothing instead.
    expect(await ids(db(), { q: "a & | ! (" })).toEqual([]);
  });

  it("finds the same issues whether the search starts from its indexes or checks issue after issue", async () => {
    await seed(db(), 4);
    await event(db(), "101", { message: "Connection refused by db-primary:5432" });
    // A renamed issue: its pieces follow the new title (the trigger on issues), not the old one.
    await upsertIssue(db(), {
      id: "103",
      shortId: "WEB-3",
      projectId: "1",
      title: "Überweisung an Ledger_Service abgelehnt (100%)",
      firstSeen: new Date(base - 3 * HOUR),
      lastSeen: new Date(base - 3 * HOUR),
    });
    const searched = async (q: string, searchFromIndexes: boolean) =>
      (
        await db()
          .select({ id: issues.id })
          .from(issues)
          .where(and(...issueListConditions({ q }, { searchFromIndexes })))
          .orderBy(issues.id)
      ).map((row) => row.id);
    const expected: Record<string, string[]> = {
      "number 1": ["101"],
      NUMBER: ["100", "101", "102"],
      paybutton: ["102"],
      "web-3": ["103"],
      refused: ["101"],
      "number 3": [],
      ledger_service: ["103"],
      "ledger-service": [],
      "(100%)": ["103"],
      überweisung: ["103"],
      "no such text": [],
      er: ["100", "101", "102", "103"],
    };
    for (const [q, want] of Object.entries(expected)) {
      expect(await searched(q, true), `${q} from the indexes`).toEqual(want);
      expect(await searched(q, false), `${q} issue by issue`).toEqual(want);
    }
    expect(await hasFewSearchCandidates(db(), "number")).toBe(true);
    expect(await hasFewSearchCandidates(db(), "er")).toBe(false);
  });

  it("searches each issue's distinct event texts, stored once each, as the events themselves were", async () => {
    await seed(db(), 3);
    await event(db(), "100", { message: "disk full" });
    await event(db(), "100", { message: "disk full" });
    await event(db(), "100", { message: "socket closed", exceptionValue: "peer reset" });
    await event(db(), "101", { message: "disk full" });
    const texts = async () =>
      rowsOf<{ issue_id: string; texts: number }>(
        await db().execute(sql`select issue_id, count(*)::int as texts from issue_search_texts
          group by 1 order by 1`),
      );
    // A repeated text adds no row; an event without text is one empty text.
    expect(await texts()).toEqual([
      { issue_id: "100", texts: 2 },
      { issue_id: "101", texts: 1 },
    ]);
    expect(await ids(db(), { q: "disk" })).toEqual(["100", "101"]);
    // The message and the exception value are one text, a phrase may not span two texts.
    expect(await ids(db(), { q: '"closed peer"' })).toEqual(["100"]);
    expect(await ids(db(), { q: '"full socket"' })).toEqual([]);
    // All words of a query in one text, as in one event before; -word: some text lacks it.
    expect(await ids(db(), { q: "disk socket" })).toEqual([]);
    expect(await ids(db(), { q: "disk -socket" })).toEqual(["100", "101"]);
    expect(await ids(db(), { q: "socket -peer" })).toEqual([]);
    expect(await ids(db(), { q: "disk or peer" })).toEqual(["100", "101"]);
  });

  it("finds bulk-loaded events' words once the rollups are rebuilt", async () => {
    await seed(db(), 2);
    // Each at its issue's last seen (seed: 100 at base, 101 an hour before), which a rebuild keeps.
    const bulk = (id: string, issueId: string, message: string) => ({
      id,
      issueId,
      projectId: "1",
      occurredAt: new Date(base - (Number(issueId) - 100) * HOUR),
      message,
      tags: {},
      frames: [],
    });
    await insertEventsBulk(db(), [bulk("b1", "100", "lock timeout"), bulk("b2", "101", "lock granted")]);
    expect(await ids(db(), { q: "lock" })).toEqual([]);
    await rebuildIssueRollups(db());
    expect(await ids(db(), { q: "lock" })).toEqual(["100", "101"]);
    expect(await ids(db(), { q: "timeout" })).toEqual(["100"]);
  });

  it("sorts by most tenants, paging every issue once with ties broken by id", async () => {
    await seed(db(), 7);
    // Issue 100+i hits i % 3 tenants, so counts tie within and across pages.
    for (let i = 0; i < 7; i++) {
      for (let t = 0; t < i % 3; t++) await event(db(), String(100 + i), { tenantId: `tenant-${t}` });
    }
    const seen = await allPages(db(), { sort: "tenants" }, 2);
    expect(seen.map((s) => [s.id, s.tenantCount])).toEqual([
      ["105", 2],
      ["102", 2],
      ["104", 1],
      ["101", 1],
      ["106", 0],
      ["103", 0],
      ["100", 0],
    ]);
    // With a filter, the pages still cover exactly the matching issues.
    const warnings = await allPages(db(), { sort: "tenants", level: "warning" }, 1);
    expect(warnings.map((s) => s.id)).toEqual(["105", "101", "103"]);
    const first = await listIssues(db(), { limit: 2, sort: "tenants" });
    if ("badCursor" in first || !first.nextCursor) throw new Error("expected a second page");
    expect(await listIssues(db(), { limit: 2, sort: "users", cursor: first.nextCursor })).toEqual({
      badCursor: true,
    });
  });

  it("pages a filtered list by each sort without repeating or skipping an issue", async () => {
    await seed(db(), 9);
    for (let i = 0; i < 9; i++) {
      for (let e = 0; e < (i % 4) + 1; e++) {
        await event(db(), String(100 + i), {
          environment: i % 3 === 0 ? "staging" : "production",
          userId: `user-${e % 2}`,
          tenantId: `tenant-${e}`,
        });
      }
    }
    const production = ["101", "102", "104", "105", "107", "108"];
    for (const sort of ["lastSeen", "users", "tenants", "events", "priority"] as const) {
      const seen = await allPages(db(), { sort, environment: "production" }, 2);
      expect(seen.map((s) => s.id).sort()).toEqual(production);
    }
  });

  it("gives the release of each issue's first stored event", async () => {
    await seed(db(), 2);
    await event(db(), "100", {
      release: "checkout@3.1.0-very-long-release-name",
      occurredAt: new Date(base - HOUR),
    });
    await event(db(), "100", { release: "checkout@3.2.0", occurredAt: new Date(base) });
    const page = await listIssues(db(), { limit: 5 });
    if ("badCursor" in page) throw new Error("bad cursor");
    expect(page.items.map((i) => [i.id, i.firstRelease])).toEqual([
      ["100", "checkout@3.1.0-very-long-release-name"],
      ["101", null],
    ]);
  });
});
