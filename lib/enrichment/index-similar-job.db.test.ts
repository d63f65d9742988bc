import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { LIKELY_DUPLICATE_SCORE } from "@/lib/analysis/rank-similar-issues";
import { traceInputOf } from "@/lib/analysis/similar-issue-terms";
import { DEFAULT_SIMILARITY, SimilarityIndex } from "@/lib/analysis/similarity/similarity-index";
import type { Frame } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import { upsertComment } from "@/lib/db/queries/comments";
import { insertEvent } from "@/lib/db/queries/events";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { listSimilarIssues } from "@/lib/db/queries/similar-issues";
import { readTermFrequencies } from "@/lib/db/queries/similarity-index";
import { rowsOf } from "@/lib/db/rows-of";
import { issueTerms } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { findSimilarIssues } from "./find-similar-issues";
import { runIndexSimilarJob } from "./index-similar-job";

// Java-style stacks as Sentry sends them: oldest call first, so the crash site is last.
const javaFrames = (...names: string[]): Frame[] =>
  names.map((name) => {
    const cut = name.lastIndexOf(".");
    return {
      module: name.slice(0, cut),
      function: name.slice(cut + 1),
      filename: null,
      lineNo: 1,
      inApp: true,
    };
  });
const payments = javaFrames(
  "java.lang.Thread.run",
  "com.acme.pay.Worker.loop",
  "com.acme.pay.Ledger.post",
  "com.acme.pay.Ledger.balance",
);
const search = javaFrames(
  "java.lang.Thread.run",
  "com.acme.search.Indexer.flush",
  "com.acme.search.Segment.merge",
);
const auth = javaFrames("java.lang.Thread.run", "com.acme.auth.Tokens.refresh", "com.acme.auth.Keys.rotate");
const mail = javaFrames("java.lang.Thread.run", "com.acme.mail.Outbox.drain", "com.acme.mail.Smtp.send");

let eventNo = 0;
async function seedIssue(
  db: Database,
  issue: { id: string; projectId: string; day: number; status?: string },
  stack: { frames: Frame[]; type: string; value: string },
) {
  await upsertProject(db, { id: issue.projectId, slug: `p${issue.projectId}`, name: null, platform: "java" });
  const seen = new Date(Date.UTC(2026, 10, issue.day));
  await upsertIssue(db, {
    id: issue.id,
    projectId: issue.projectId,
    title: `${stack.type}: ${stack.value}`,
    status: issue.status ?? "unresolved",
    firstSeen: seen,
    lastSeen: seen,
  });
  eventNo += 1;
  await insertEvent(db, {
    id: eventNo.toString(16).padStart(32, "0"),
    issueId: issue.id,
    projectId: issue.projectId,
    occurredAt: new Date(seen.getTime() + eventNo * 1000),
    exceptionType: stack.type,
    exceptionValue: stack.value,
    roles: [],
    tags: {},
    frames: stack.frames,
  });
}

const termsOf = async (db: Database, issueId: string) =>
  (await db.select({ term: issueTerms.term }).from(issueTerms).where(eq(issueTerms.issueId, issueId)))
    .map((r) => r.term)
    .sort();

describeOnEachDatabase("the similar-issue index", (db) => {
  it("replaces an issue's terms when it is indexed again, keeping frequencies and the count exact", async () => {
    await seedIssue(
      db(),
      { id: "1", projectId: "1", day: 1 },
      { frames: payments, type: "IllegalStateException", value: "ledger closed" },
    );
    await runIndexSimilarJob(db(), "1");
    expect(await termsOf(db(), "1")).toContain("f:com.acme.pay.Ledger.balance");
    // A newer event with another stack stands for the issue from now on.
    await insertEvent(db(), {
      id: "f".repeat(32),
      issueId: "1",
      projectId: "1",
      occurredAt: new Date(Date.UTC(2026, 11, 1)),
      exceptionType: "IOException",
      exceptionValue: "segment lost",
      roles: [],
      tags: {},
      frames: search,
    });
    await runIndexSimilarJob(db(), "1");
    const terms = await termsOf(db(), "1");
    expect(terms).toContain("f:com.acme.search.Segment.merge");
    // The title's words (`t:`) stay: the issue's title has not changed.
    expect(terms.some((t) => !t.startsWith("t:") && (t.includes("Ledger") || t.includes("ledger")))).toBe(
      false,
    );
    const counts = await readTermFrequencies(db(), [
      "f:com.acme.pay.Ledger.balance",
      "f:com.acme.search.Segment.merge",
    ]);
    expect(counts).toEqual({
      documents: 1,
      frequency: new Map([["f:com.acme.search.Segment.merge", 1]]),
      projects: new Map([["f:com.acme.search.Segment.merge", 1]]),
    });
    const ledgerProjects = await db().execute(
      sql`select count(*)::int as n from similarity_term_projects where term = 'f:com.acme.pay.Ledger.balance'`,
    );
    expect(rowsOf<{ n: number }>(ledgerProjects)[0]?.n).toBe(0);
  });

  it("finds the planted similar issue in another project, says why, and shows how it was resolved", async () => {
    await seedIssue(
      db(),
      { id: "10", projectId: "1", day: 1 },
      { frames: payments, type: "IllegalStateException", value: "ledger closed for account" },
    );
    await seedIssue(
      db(),
      { id: "11", projectId: "1", day: 2 },
      { frames: search, type: "IOException", value: "segment lost" },
    );
    await seedIssue(
      db(),
      { id: "12", projectId: "2", day: 3 },
      { frames: auth, type: "SecurityException", value: "key expired" },
    );
    await seedIssue(
      db(),
      { id: "13", projectId: "2", day: 4 },
      { frames: mail, type: "MessagingException", value: "relay refused" },
    );
    // Resolved in Sentry, in a release, with a note from the team.
    await upsertIssue(db(), {
      id: "10",
      projectId: "1",
      title: "IllegalStateException: ledger closed for account",
      status: "resolved",
      statusSeenAt: new Date(Date.UTC(2026, 10, 1)),
      statusRank: 3,
      resolvedInRelease: "pay@2.4.1",
      firstSeen: new Date(Date.UTC(2026, 10, 1)),
      lastSeen: new Date(Date.UTC(2026, 10, 1)),
    });
    const comment = {
      issueId: "10",
      rank: 0,
      createdAt: new Date(Date.UTC(2026, 10, 2)),
      authorType: "user",
      authorId: "7",
    };
    await upsertComment(db(), { ...comment, commentId: "1", text: "fixed by reopening the ledger lazily" });
    await upsertComment(db(), {
      ...comment,
      commentId: "2",
      text: "Sift's own analysis",
      own: true,
      createdAt: new Date(Date.UTC(2026, 10, 3)),
    });
    for (const id of ["10", "11", "12", "13"]) await runIndexSimilarJob(db(), id);
    // The same crash site in another project, a slightly different message.
    await seedIssue(
      db(),
      { id: "20", projectId: "3", day: 9 },
      { frames: payments, type: "IllegalStateException", value: "ledger closed for merchant" },
    );
    await runIndexSimilarJob(db(), "20");

    const { indexedAt, items } = await listSimilarIssues(db(), "20", 10);
    expect(indexedAt).toBeInstanceOf(Date);
    const [best, next] = items;
    expect(best).toMatchObject({
      issueId: "10",
      projectId: "1",
      status: "resolved",
      resolvedInRelease: "pay@2.4.1",
      note: "fixed by reopening the ledger lazily",
      duplicate: false,
      why: { exception: true, messageWords: ["closed", "ledger"] },
    });
    expect(best?.why.sharedFrames.slice(0, 2)).toEqual([
      "com.acme.pay.Ledger.balance",
      "com.acme.pay.Ledger.post",
    ]);
    expect(best?.resolvedAt).toBeInstanceOf(Date);
    expect(best?.score).toBeGreaterThan(0.5);
    expect(best?.score).toBeGreaterThan(2 * (next?.score ?? 0));
    // The older issue learns of the newer one without being indexed again.
    expect((await listSimilarIssues(db(), "10", 10)).items[0]?.issueId).toBe("20");
  });

  it("flags a likely duplicate only between two open issues scoring above the threshold", async () => {
    const same = { frames: payments, type: "IllegalStateException", value: "ledger closed" };
    await seedIssue(db(), { id: "30", projectId: "1", day: 1 }, same);
    await seedIssue(db(), { id: "31", projectId: "2", day: 2 }, same);
    await seedIssue(
      db(),
      { id: "32", projectId: "2", day: 3 },
      { ...same, value: "ledger frozen by auditor" },
    );
    await seedIssue(
      db(),
      { id: "33", projectId: "1", day: 4, status: "resolved" },
      { frames: search, type: "IOException", value: "segment lost" },
    );
    await seedIssue(
      db(),
      { id: "34", projectId: "1", day: 5 },
      { frames: search, type: "IOException", value: "segment lost" },
    );
    for (const id of ["30", "31", "32", "33", "34"]) await runIndexSimilarJob(db(), id);
    const duplicates = async (id: string) =>
      (await listSimilarIssues(db(), id, 10)).items.filter((i) => i.duplicate).map((i) => i.issueId);

    const newer = (await listSimilarIssues(db(), "31", 10)).items[0];
    expect(newer).toMatchObject({ issueId: "30", duplicate: true });
    expect(newer?.score).toBeGreaterThanOrEqual(LIKELY_DUPLICATE_SCORE);
    expect(await duplicates("31")).toEqual(["30"]);
    // The older one is not the duplicate; a lower score is similar but no duplicate; a resolved match is none.
    expect(await duplicates("30")).toEqual([]);
    expect(await duplicates("32")).toEqual([]);
    expect(
      (await listSimilarIssues(db(), "32", 10)).items
        .map((i) => i.issueId)
        .slice(0, 2)
        .sort(),
    ).toEqual(["30", "31"]);
    expect(await duplicates("34")).toEqual([]);
    // Resolving the original lifts the flag, without indexing anything again.
    await db().execute(sql`update issues set status = 'resolved' where id = '30'`);
    expect(await duplicates("31")).toEqual([]);
  });

  it("ranks and scores as the in-memory index the benchmark measures: titles, projects, recency", async () => {
    // Three projects sharing the thread's run loop and a harness frame; titles that agree where
    // stacks do not; months between issues, so recency counts.
    const harness = javaFrames("java.lang.Thread.run", "org.test.Harness.call");
    const corpus: [string, string, number, { frames: Frame[]; type: string; value: string }][] = [
      [
        "50",
        "1",
        1,
        { frames: [...harness, ...payments.slice(1)], type: "IllegalStateException", value: "ledger closed" },
      ],
      [
        "51",
        "2",
        20,
        { frames: [...harness, ...search.slice(1)], type: "IOException", value: "segment lost" },
      ],
      ["52", "3", 45, { frames: auth, type: "SecurityException", value: "ledger key expired" }],
      ["53", "1", 90, { frames: payments, type: "IllegalStateException", value: "ledger closed again" }],
      [
        "54",
        "2",
        150,
        {
          frames: [...harness, ...mail.slice(1)],
          type: "MessagingException",
          value: "segment relay refused",
        },
      ],
      ["55", "3", 200, { frames: search, type: "IOException", value: "segment lost on flush" }],
      [
        "56",
        "2",
        260,
        { frames: [...harness, ...payments.slice(2)], type: "IllegalStateException", value: "ledger closed" },
      ],
    ];
    const memory = new SimilarityIndex(DEFAULT_SIMILARITY);
    let compared = 0;
    for (const [id, projectId, day, stack] of corpus) {
      await seedIssue(db(), { id, projectId, day }, stack);
      const traces = traceInputOf({
        frames: stack.frames,
        exceptionType: stack.type,
        exceptionValue: stack.value,
        message: null,
      });
      const context = {
        title: `${stack.type}: ${stack.value}`,
        at: Date.UTC(2026, 10, day),
        project: projectId,
      };
      const expected = memory.search(traces, 10, context);
      const actual = await findSimilarIssues(
        db(),
        { issueId: id, traces, title: context.title, firstSeen: new Date(context.at) },
        DEFAULT_SIMILARITY,
        10,
      );
      expect(actual.map((m) => m.issueId)).toEqual(expected.map((m) => m.id));
      for (const [i, m] of actual.entries()) expect(m.score).toBeCloseTo(expected[i]?.score ?? -1, 5);
      compared += actual.length;
      await runIndexSimilarJob(db(), id);
      memory.add(id, traces, context);
    }
    expect(compared).toBeGreaterThan(15);
  });

  it("marks an issue with nothing to match on as indexed, with no matches", async () => {
    await seedIssue(db(), { id: "40", projectId: "1", day: 1 }, { frames: [], type: "", value: "" });
    await db().execute(
      sql`update events set exception_type = null, exception_value = null where issue_id = '40'`,
    );
    expect((await listSimilarIssues(db(), "40", 10)).indexedAt).toBeNull();
    await runIndexSimilarJob(db(), "40");
    expect(await listSimilarIssues(db(), "40", 10)).toMatchObject({ indexedAt: expect.any(Date), items: [] });
  });
});
